internal import CCmarkGFM

extension CmarkDocument {
    /// Rewrites the tree so that rendering it can only produce markup cmark-gfm builds itself:
    /// - raw inline HTML becomes a text node with the same literal (so `<b>` shows as `&lt;b&gt;`);
    /// - a raw HTML block becomes a code block holding its literal: it is source the user pasted,
    ///   and a code block keeps its lines and indentation where a paragraph would run them together;
    /// - a link whose target ``LinkPolicy`` refuses is replaced by its children (its text), an
    ///   image by its children (its alt text). Autolinks are links by now, so they are checked too.
    func neutraliseUnsafeContent() {
        var rawInline: [OpaquePointer] = []
        var rawBlocks: [OpaquePointer] = []
        var refusedTargets: [OpaquePointer] = []
        // Collect first, rewrite after: the iterator must not see the tree change under it.
        let iterator = CmarkNodeIterator(root: root)
        while let step = iterator.next() {
            guard step.isEntering else { continue }
            switch cmark_node_get_type(step.node) {
            case CMARK_NODE_HTML_INLINE:
                rawInline.append(step.node)
            case CMARK_NODE_HTML_BLOCK:
                rawBlocks.append(step.node)
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                if !LinkPolicy.allows(url: cmark_node_get_url(step.node)) { refusedTargets.append(step.node) }
            default:
                break
            }
        }
        for node in rawInline { Self.replaceKeepingLiteral(node, with: CMARK_NODE_TEXT) }
        for node in rawBlocks { Self.replaceKeepingLiteral(node, with: CMARK_NODE_CODE_BLOCK) }
        // Pre-order: an outer link is unwrapped before an image inside it, which stays valid
        // (unwrapping moves children, it frees only the emptied node).
        for node in refusedTargets { Self.unwrap(node) }
    }

    /// Replaces `node` by a new node of `type` carrying the same literal, and frees `node`.
    private static func replaceKeepingLiteral(_ node: OpaquePointer, with type: cmark_node_type) {
        guard let replacement = cmark_node_new(type) else {
            preconditionFailure("cmark_node_new failed (out of memory)")
        }
        cmark_node_set_literal(replacement, cmark_node_get_literal(node))
        if cmark_node_replace(node, replacement) != 1 {
            // The parent cannot hold the replacement: dropping the content is the safe way out.
            cmark_node_free(replacement)
        }
        cmark_node_free(node)
    }

    /// Moves the children of `node` in front of it and frees the emptied `node`.
    private static func unwrap(_ node: OpaquePointer) {
        while let child = cmark_node_first_child(node) {
            // Refused only if the parent cannot hold the child; then it goes with `node`.
            guard cmark_node_insert_before(node, child) == 1 else { break }
        }
        cmark_node_free(node)
    }
}
