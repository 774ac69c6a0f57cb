/// Adds `rel="nofollow noopener"` to the links in HTML rendered by cmark-gfm.
///
/// Safe as a byte splice because of what the HTML is: every `<` of the user's text arrives
/// escaped (`&lt;`, and `%3C` inside an href), so the only `<a href="` in it are the anchors
/// cmark writes itself, which always begin exactly so. nofollow: posts are user content and
/// their links must not lend the site's rank to spam; noopener costs nothing should a page
/// ever open links in a new tab.
enum AnchorRel {
    private static let anchorStart: [UInt8] = Array("<a href=\"".utf8)
    /// Goes after `<a`, before ` href="`.
    private static let attribute: [UInt8] = Array(" rel=\"nofollow noopener\"".utf8)

    static func adding(to html: UnsafeBufferPointer<UInt8>) -> String {
        var output: [UInt8] = []
        var copied = 0
        var index = 0
        let last = html.count - anchorStart.count
        while index <= last {
            guard html[index] == UInt8(ascii: "<"), startsAnchor(html, at: index) else {
                index += 1
                continue
            }
            if output.isEmpty { output.reserveCapacity(html.count + 16 * attribute.count) }
            output.append(contentsOf: html[copied..<(index + 2)])
            output.append(contentsOf: attribute)
            copied = index + 2
            index += anchorStart.count
        }
        guard copied > 0 else { return String(decoding: html, as: UTF8.self) }
        output.append(contentsOf: html[copied...])
        return String(decoding: output, as: UTF8.self)
    }

    private static func startsAnchor(_ html: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        for offset in 1..<anchorStart.count where html[index + offset] != anchorStart[offset] {
            return false
        }
        return true
    }
}
