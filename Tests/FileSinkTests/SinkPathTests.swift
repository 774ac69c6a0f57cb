import InkwellFileSink
import Testing

/// Path validation, without I/O: what may name a file in a sink, and a corpus of what may not.
@Suite struct SinkPathTests {
    @Test(arguments: [
        "feed.xml", "index.html", "posts/my-slug/index.html", "media/2026/ab12.png",
        "page/2/index.html", "tags/swift-6/index.html", "a~b/c_d/E-F.tar.gz", "x.", "a..b",
    ])
    func acceptsOrdinaryPaths(_ string: String) throws {
        let path = try SinkPath(string)
        #expect(path.string == string)
        #expect(path.segments.joined(separator: "/") == string)
    }

    @Test func exposesNameAndDirectories() throws {
        let path = try SinkPath("posts/my-slug/index.html")
        #expect(path.name == "index.html")
        #expect(Array(path.directories) == ["posts", "my-slug"])
        #expect(try SinkPath("feed.xml").directories.isEmpty)
    }

    @Test func composesFromCheckedSegments() throws {
        let path = try SinkPath("posts").appending("my-slug").appending("index.html")
        #expect(path == (try SinkPath("posts/my-slug/index.html")))
        #expect(try SinkPath(segments: ["media", "2026", "x.png"]).string == "media/2026/x.png")
        #expect(throws: SinkPathError(reason: .slashInSegment, path: "posts/../etc")) {
            try SinkPath("posts").appending("../etc")
        }
        #expect(throws: SinkPathError(reason: .dotSegment, path: "posts/..")) { try SinkPath("posts").appending("..") }
        #expect(throws: SinkPathError(reason: .empty, path: "")) { try SinkPath(segments: []) }
    }

    /// Hostile paths, each with the reason it must be refused for.
    static let hostile: [(String, SinkPathError.Reason)] = [
        ("", .empty),
        ("/etc/passwd", .absolute),
        ("/", .absolute),
        ("//server/share", .absolute),
        ("..", .dotSegment),
        (".", .dotSegment),
        ("../etc/passwd", .dotSegment),
        ("posts/../../etc/passwd", .dotSegment),
        ("posts/./index.html", .dotSegment),
        ("posts/..", .dotSegment),
        ("a//b", .emptySegment),
        ("posts/", .emptySegment),
        ("posts/slug/", .emptySegment),
        (".htaccess", .hiddenSegment),
        ("posts/.git/config", .hiddenSegment),
        ("...", .hiddenSegment),
        (".inkwell-0123456789abcdef.tmp", .hiddenSegment),
        ("..\\..\\windows", .backslash),
        ("posts\\index.html", .backslash),
        ("posts/\0/index.html", .controlCharacter),
        ("index.html\0.png", .controlCharacter),
        ("a\nb", .controlCharacter),
        ("a\rb", .controlCharacter),
        ("a\tb", .controlCharacter),
        ("a\u{7F}b", .controlCharacter),
        ("a\u{1B}[31mred", .controlCharacter),
        ("%2e%2e/etc/passwd", .percentSign),
        ("..%2fetc", .percentSign),
        ("posts%2f..%2f..%2fetc", .percentSign),
        ("%00", .percentSign),
        ("%252e%252e", .percentSign),
        ("\u{FF0E}\u{FF0E}/etc", .nonASCII),       // fullwidth full stops
        ("posts\u{2215}..\u{2215}etc", .nonASCII),  // division slash
        ("posts\u{2044}x", .nonASCII),              // fraction slash
        ("e\u{301}t\u{e9}.html", .nonASCII),        // combining acute accent, precomposed é
        ("a\u{200B}b", .nonASCII),                  // zero-width space
        ("\u{FEFF}index.html", .nonASCII),          // byte order mark
        ("\u{2024}\u{2024}/x", .nonASCII),          // one-dot leaders
        ("caf\u{E9}", .nonASCII),
        ("a b", .disallowedCharacter),
        ("a:b", .disallowedCharacter),
        ("C:", .disallowedCharacter),
        ("a?b", .disallowedCharacter),
        ("a#b", .disallowedCharacter),
        ("a*b", .disallowedCharacter),
        ("a\"b", .disallowedCharacter),
        ("<script>", .disallowedCharacter),
        ("a;b", .disallowedCharacter),
        ("a&b=c", .disallowedCharacter),
        ("a+b", .disallowedCharacter),
        ("a'b", .disallowedCharacter),
        ("~user@host", .disallowedCharacter),
        ("$HOME", .disallowedCharacter),
        (String(repeating: "a", count: 256), .segmentTooLong),
        ("posts/" + String(repeating: "b", count: 256) + "/index.html", .segmentTooLong),
        (Array(repeating: String(repeating: "c", count: 200), count: 6).joined(separator: "/"), .tooLong),
        (String(repeating: "d", count: 5000), .tooLong),
        (Array(repeating: "e", count: 17).joined(separator: "/"), .tooDeep),
    ]

    @Test(arguments: hostile)
    func refusesHostilePaths(_ string: String, _ reason: SinkPathError.Reason) {
        #expect(throws: SinkPathError(reason: reason, path: string)) { try SinkPath(string) }
    }

    @Test func acceptsTheLimits() throws {
        #expect(try SinkPath(String(repeating: "a", count: 255)).name.utf8.count == 255)
        #expect(try SinkPath(Array(repeating: "e", count: 16).joined(separator: "/")).segments.count == 16)
        let long = Array(repeating: String(repeating: "c", count: 203), count: 5).joined(separator: "/") + "/" + String(repeating: "f", count: 4)
        #expect(long.utf8.count == 1024)
        #expect(try SinkPath(long).segments.count == 6)
    }

    @Test func errorDescriptionEscapesTheHostilePath() {
        let error = SinkPathError(reason: .controlCharacter, path: "a\nFAKE LOG LINE\u{1B}[0m\u{FF0E}")
        #expect(!error.description.contains("\n"))
        #expect(!error.description.contains("\u{1B}"))
        #expect(error.description.contains("a\\x0AFAKE LOG LINE\\x1B[0m\\xEF\\xBC\\x8E"))
        #expect(error.description.hasSuffix(SinkPathError.Reason.controlCharacter.rawValue))
        let long = SinkPathError(reason: .tooLong, path: String(repeating: "z", count: 2000))
        #expect(long.description.utf8.count < 250)
    }
}
