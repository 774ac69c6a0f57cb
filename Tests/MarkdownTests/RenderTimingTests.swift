import InkwellMarkdown
import Testing

/// Prints how long rendering takes (no assertion on time: machines differ). Meaningful in release.
@Suite struct RenderTimingTests {
    static func document(bytes: Int) -> String {
        let block = """
            ## A heading

            Some *emphasis*, **strong**, `code`, ~~struck~~ and a [link](https://example.com/path?q=1).
            A bare www.example.org autolink and <b>inline html</b>.

            - [x] a task
            - an item with `code`

            | col | col |
            |-----|-----|
            | a   | b   |

            ```swift
            let x = 1
            ```


            """
        var text = ""
        while text.utf8.count < bytes { text += block }
        return text
    }

    @Test(arguments: [2_000, 100_000])
    func renderTime(bytes: Int) {
        let renderer = MarkdownRenderer()
        let markdown = Self.document(bytes: bytes)
        _ = renderer.render(markdown)
        let iterations = bytes < 10_000 ? 500 : 20
        let clock = ContinuousClock()
        var htmlBytes = 0
        let elapsed = clock.measure {
            for _ in 0..<iterations { htmlBytes = renderer.render(markdown).html.utf8.count }
        }
        let perRender = elapsed / iterations
        print("render \(markdown.utf8.count) bytes of Markdown → \(htmlBytes) bytes of HTML: \(perRender) per render (\(iterations) runs)")
        #expect(htmlBytes > 0)
    }
}
