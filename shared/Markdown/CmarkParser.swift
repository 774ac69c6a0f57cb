internal import CCmarkGFM

/// Owns one `cmark_parser` with the GFM extensions attached; freed in `deinit`.
///
/// Not Sendable: created, used and dropped inside one `MarkdownRenderer.render` call.
final class CmarkParser {
    private let handle: OpaquePointer

    init(options: Int32) {
        guard let handle = cmark_parser_new(options) else {
            preconditionFailure("cmark_parser_new failed (out of memory)")
        }
        self.handle = handle
        for name in CmarkRuntime.extensionNames {
            // Registered and checked once by CmarkRuntime; a lookup walks a list of a few entries.
            guard let extensionHandle = cmark_find_syntax_extension(name) else {
                preconditionFailure("cmark-gfm extension '\(name)' is not registered")
            }
            cmark_parser_attach_syntax_extension(handle, extensionHandle)
        }
    }

    deinit {
        cmark_parser_free(handle)
    }

    /// The attached extensions, which the HTML renderer wants too; valid while `self` lives.
    var syntaxExtensions: UnsafeMutablePointer<cmark_llist>? {
        cmark_parser_get_syntax_extensions(handle)
    }

    /// Parses all of `markdown` into a document. The bytes go in with their count, never as a C
    /// string, so a NUL is text (cmark replaces it with U+FFFD) rather than the end of the input.
    func parse(_ markdown: String, runtime: CmarkRuntime) -> CmarkDocument {
        var markdown = markdown
        var root: OpaquePointer?
        runtime.serialisingParse {
            markdown.withUTF8 { bytes in
                guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
                base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                    cmark_parser_feed(handle, $0, bytes.count)
                }
            }
            root = cmark_parser_finish(handle)
        }
        guard let root else { preconditionFailure("cmark_parser_finish returned no document") }
        return CmarkDocument(root: root)
    }
}
