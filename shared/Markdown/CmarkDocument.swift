internal import CCmarkGFM

/// Owns the root `cmark_node` of one parsed document (and so the whole tree); freed in `deinit`.
///
/// Not Sendable: created, rewritten, rendered and dropped inside one `MarkdownRenderer.render` call.
final class CmarkDocument {
    let root: OpaquePointer

    /// Takes ownership of `root`, a tree no other owner frees.
    init(root: OpaquePointer) {
        self.root = root
    }

    deinit {
        cmark_node_free(root)
    }
}
