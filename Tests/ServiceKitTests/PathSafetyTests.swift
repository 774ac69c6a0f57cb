import InkwellServiceKit
import Testing

/// The path rules of ``PathSafety``, without I/O.
@Suite struct PathSafetyTests {
    @Test(arguments: [
        ("/a/..", PathSafety.Violation.dotSegment), ("/a/../b", .dotSegment), ("/./a", .dotSegment), ("/a/.", .dotSegment),
        ("/..", .dotSegment), ("/a/%2e%2e/b", .dotSegment), ("/a/%2E%2e", .dotSegment), ("/a/.%2E/b", .dotSegment),
        ("/a/%2e./b", .dotSegment), ("/a/%2e/b", .dotSegment), ("/a/%252e%252e/b", .dotSegment), ("/a/%25252e/b", .dotSegment),
        ("/a%2fb", .encodedSeparator), ("/a%2Fb", .encodedSeparator), ("/a%5cb", .encodedSeparator), ("/a%5Cb", .encodedSeparator),
        ("/a%252fb", .encodedSeparator), ("/a%25255cb", .encodedSeparator),
        ("/a\\b", .backslash), ("/a%00", .nul), ("/a%2500", .nul), ("/a\u{0}b", .nul),
        ("/a%", .malformedEncoding), ("/a%2", .malformedEncoding), ("/a%g0", .malformedEncoding),
        ("/a/%2525252e", .tooDeeplyEncoded),
    ])
    func refuses(path: String, violation: PathSafety.Violation) {
        #expect(PathSafety.violation(in: path) == violation)
    }

    @Test(arguments: [
        "/", "", "/api/v1/posts", "/a.b", "/.well-known/jwks.json", "/...", "/a/.../b", "/x..", "/..x", "/a//b", "/caf%C3%A9",
        "/100%25", "/100%25off", "/a%20b", "/%2e%2ex", "/a/b/",
    ])
    func allows(path: String) {
        #expect(PathSafety.violation(in: path) == nil)
    }

    @Test func substringsAreCheckedLikeStrings() {
        let full = "/a/../b?x=1"
        #expect(PathSafety.violation(in: full.prefix(7)) == .dotSegment)
    }
}
