internal import CCmarkGFM

extension CmarkDocument {
    /// Renders the tree to HTML with cmark's safe defaults (no `CMARK_OPT_UNSAFE`: any raw HTML
    /// left would be omitted, dangerous URLs blanked) and marks every link `rel="nofollow noopener"`.
    func html(options: Int32, extensions: UnsafeMutablePointer<cmark_llist>?) -> String {
        guard let rendered = cmark_render_html(root, options, extensions) else {
            preconditionFailure("cmark_render_html failed (out of memory)")
        }
        // Allocated by the default allocator, the one the parser and nodes use.
        defer { cmark_get_default_mem_allocator().pointee.free(rendered) }
        return UnsafeRawPointer(rendered).withMemoryRebound(to: UInt8.self, capacity: 1) { start in
            var count = 0
            while start[count] != 0 { count += 1 }
            return AnchorRel.adding(to: UnsafeBufferPointer(start: start, count: count))
        }
    }
}
