internal import CCmarkGFM

extension CmarkDocument {
    /// The document's words without markup: the literals of text, inline code and code blocks (the
    /// text of links, not their URLs; the alt text of images), one space between blocks and for
    /// line breaks, runs of ASCII whitespace collapsed to one space, no space at either end.
    /// Non-ASCII spaces (a no-break space) are kept: the author chose them.
    func plainText() -> String {
        var text = PlainTextBuilder()
        let iterator = CmarkNodeIterator(root: root)
        while let step = iterator.next() {
            let type = cmark_node_get_type(step.node)
            switch type {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_INLINE, CMARK_NODE_HTML_BLOCK:
                // Raw HTML has become text by now; were any left, it is still only text here.
                text.append(literal: cmark_node_get_literal(step.node))
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text.separate()
            default:
                // Entering or leaving any block (extension blocks such as table cells included).
                if type.rawValue & UInt32(CMARK_NODE_TYPE_MASK) == UInt32(CMARK_NODE_TYPE_BLOCK) { text.separate() }
            }
        }
        return text.string
    }
}
