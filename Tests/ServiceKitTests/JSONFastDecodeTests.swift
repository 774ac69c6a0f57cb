import Foundation
import InkwellContracts
import InkwellCore
import Testing

/// The hand-written decode path (``JSONStreamDecodable``, ``InkwellJSON/decodeFast(_:from:)``)
/// against Foundation's decoding of the same bytes with ``InkwellJSON/decoder``: whenever the fast
/// path gives a value, Foundation gives the same one; through `decodeFast` every input ends as
/// Foundation ends (the same value or the same error); and the documents the services write are
/// taken by the fast path (else it would silently cost more, not less).
@Suite struct JSONFastDecodeTests {
    typealias Comment = InkwellContracts.Comment

    /// Checks one document for `type`; returns whether the fast path took it.
    @discardableResult
    func agree<Value: JSONStreamDecodable & Equatable>(
        _ type: Value.Type, _ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation
    ) -> Bool {
        let reference = Result { try InkwellJSON.decoder.decode(Value.self, from: Data(bytes)) }
        let fast = InkwellJSON.fastPath(Value.self, from: bytes)
        let text = String(decoding: bytes.prefix(300), as: UTF8.self)
        if let fast {
            switch reference {
            case .success(let value): #expect(value == fast, "\(text)", sourceLocation: sourceLocation)
            case .failure(let error): Issue.record("fast path took what Foundation refuses (\(error)): \(text)", sourceLocation: sourceLocation)
            }
        }
        let viaDecodeFast = Result { try InkwellJSON.decodeFast(Value.self, from: bytes) }
        switch (reference, viaDecodeFast) {
        case (.success(let a), .success(let b)): #expect(a == b, "\(text)", sourceLocation: sourceLocation)
        case (.failure(let a), .failure(let b)): #expect("\(a)" == "\(b)", sourceLocation: sourceLocation)
        default: Issue.record("decodeFast and Foundation disagree: \(text)", sourceLocation: sourceLocation)
        }
        return fast != nil
    }

    func agree<Value: JSONStreamDecodable & Equatable>(_ type: Value.Type, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        agree(type, Array(text.utf8), sourceLocation: sourceLocation)
    }

    // MARK: Values

    static let awkward = "quote \" backslash \\ newline \n tab \t control \u{01}\u{1F} del \u{7F} slash / ünï 🎉 \u{0} <script> \u{2028}"

    static func date(_ generator: inout some RandomNumberGenerator) -> Date {
        let millis = Int64.random(in: -2_000_000_000_000...4_000_000_000_000, using: &generator)
        return Date(timeIntervalSince1970: Double(millis) / 1000)
    }

    static func text(_ generator: inout some RandomNumberGenerator) -> String {
        let pieces = ["a", "Z", " ", "\"", "\\", "/", "\n", "\u{08}", "ü", "🎉", "\u{10FFFF}", "漢", "<", "&amp;", "\u{0}", "\u{1F}", "e\u{301}"]
        return (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
    }

    static func tags(_ generator: inout some RandomNumberGenerator) -> [TagRef] {
        (0..<Int.random(in: 0...3, using: &generator)).map { _ in TagRef(name: text(&generator), slug: "t\(Int.random(in: 0...99, using: &generator))") }
    }

    static func post(_ generator: inout some RandomNumberGenerator) -> Post {
        Post(
            id: UUID(), slug: text(&generator), title: text(&generator), excerpt: text(&generator), bodyMarkdown: text(&generator),
            bodyHtml: text(&generator), status: PostStatus.allCases.randomElement(using: &generator)!,
            publishedAt: Bool.random(using: &generator) ? date(&generator) : nil, publishAt: Bool.random(using: &generator) ? date(&generator) : nil,
            createdAt: date(&generator), updatedAt: date(&generator), authorId: UUID(), tags: tags(&generator),
            coverImageUrl: Bool.random(using: &generator) ? text(&generator) : nil,
            version: [Int64.min, -1, 0, 1, 42, Int64.max].randomElement(using: &generator)!)
    }

    static func user(_ generator: inout some RandomNumberGenerator) -> PublicUser {
        PublicUser(id: UUID(), username: text(&generator), displayName: text(&generator), bio: text(&generator), createdAt: date(&generator))
    }

    static func comment(_ generator: inout some RandomNumberGenerator, depth: Int = 0) -> Comment {
        let replies = depth < 3 ? (0..<Int.random(in: 0...2, using: &generator)).map { _ in comment(&generator, depth: depth + 1) } : []
        return Comment(
            id: UUID(), postId: UUID(), parentId: depth > 0 || Bool.random(using: &generator) ? UUID() : nil, authorId: UUID(), body: text(&generator),
            status: CommentStatus.allCases.randomElement(using: &generator)!, createdAt: date(&generator),
            editedAt: Bool.random(using: &generator) ? date(&generator) : nil, deleted: Bool.random(using: &generator), replies: replies)
    }

    /// The same value as both encoders write it (declaration order, one pass; sorted keys, Foundation).
    static func encodings(_ value: some Encodable) throws -> [[UInt8]] {
        [try InkwellJSON.responseEncoder.encode(value), Array(try InkwellJSON.encoder.encode(value))]
    }

    // MARK: Tests

    @Test func everyShapeAsTheServicesWriteItTakesTheFastPath() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<150 {
            let posts = (0..<Int.random(in: 0...4)).map { _ in Self.post(&generator) }
            let summaries = posts.map(\.summary)
            let users = (0..<3).map { _ in Self.user(&generator) }
            let comments = (0..<Int.random(in: 0...3)).map { _ in Self.comment(&generator) }
            let hits = summaries.map { SearchHit(post: $0, highlight: Self.text(&generator)) }
            let cursor: String? = Bool.random() ? Self.text(&generator) : nil
            for bytes in try Self.encodings(Page(items: posts, nextCursor: cursor)) { #expect(agree(Page<Post>.self, bytes)) }
            for bytes in try Self.encodings(Page(items: summaries, nextCursor: cursor)) { #expect(agree(Page<PostSummary>.self, bytes)) }
            for bytes in try Self.encodings(Page(items: comments, nextCursor: cursor)) { #expect(agree(Page<Comment>.self, bytes)) }
            for bytes in try Self.encodings(Page(items: hits, nextCursor: cursor)) { #expect(agree(Page<SearchHit>.self, bytes)) }
            for bytes in try Self.encodings(ItemList(items: users)) { #expect(agree(ItemList<PublicUser>.self, bytes)) }
            for bytes in try Self.encodings(ItemList(items: comments)) { #expect(agree(ItemList<Comment>.self, bytes)) }
            for bytes in try Self.encodings(ItemList(items: summaries)) { #expect(agree(ItemList<PostSummary>.self, bytes)) }
            for bytes in try Self.encodings(ItemList(items: posts)) { #expect(agree(ItemList<Post>.self, bytes)) }
            for bytes in try Self.encodings(users[0]) { #expect(agree(PublicUser.self, bytes)) }
            if let post = posts.first { for bytes in try Self.encodings(post) { #expect(agree(Post.self, bytes)) } }
        }
    }

    /// Whitespace of every kind between tokens, and none at all.
    @Test func oddWhitespaceIsRead() throws {
        var generator = SystemRandomNumberGenerator()
        let post = Self.post(&generator)
        let compact = String(decoding: try InkwellJSON.responseEncoder.encode(Page(items: [post], nextCursor: "c")), as: UTF8.self)
        var spaced = ""
        var inString = false, escaped = false
        for character in compact {
            spaced.append(character)
            if inString {
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inString = false }
                continue
            }
            if character == "\"" { inString = true } else if "{}[],:".contains(character) { spaced += " \t\r\n" }
        }
        #expect(agree(Page<Post>.self, " \n" + spaced + "\r\n\t "))
        #expect(agree(Page<Post>.self, "\u{0C}" + compact) == false)  // form feed is not JSON whitespace
        #expect(agree(Page<Post>.self, "\u{A0}" + compact) == false)
    }

    static let id = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"

    static func userJSON(_ members: String...) -> String {
        "{" + members.joined(separator: ",") + "}"
    }

    static let userMembers = [#""id":"\#(id)""#, #""username":"grace""#, #""displayName":"Grace H""#, #""bio":"b""#, #""createdAt":"2026-11-21T10:00:00.123Z""#]

    /// Users with one member changed: escapes, unicode, wrong types, other forms of ids and dates.
    @Test func scalarsAgreeWithFoundation() {
        let strings = [
            #""\u00e9\u00E9 \uD83C\uDF89 \u0000 \/ \b\f\n\r\t \" \\""#, #""\uD83C""#, #""\uDF89""#, #""\uD83C\u0041""#, #""\uD83Cx""#, #""\u12""#,
            #""\u12G4""#, #""\x""#, #""\'""#, "\"raw\ttab\"", "\"raw\nnewline\"", #""ü🎉漢""#, "\"\u{7F}\"", #""""#, #""\""#, "\"unterminated",
            "null", "1", "true", "[]", "{}", #""a"  "#, #""\uDBFF\uDFFF""#, #""\uDC00\uD800""#, #""\ud83c\udf89""#,
        ]
        var taken = 0
        for value in strings {
            if agree(PublicUser.self, Self.userJSON(Self.userMembers[0], "\"username\":\(value)", Self.userMembers[2], Self.userMembers[3], Self.userMembers[4])) {
                taken += 1
            }
        }
        #expect(taken == 7)  // the valid strings above
        let ids = [
            Self.id.uppercased(), "{\(Self.id)}", String(Self.id.dropLast()), Self.id + "0", "0190a1b2c3d47e5f8a9b0c1d2e3f4a5b", #"\u0030190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"#,
            "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5g", "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b\\u0000x",
        ]
        for id in ids { agree(PublicUser.self, Self.userJSON("\"id\":\"\(id)\"", Self.userMembers[1], Self.userMembers[2], Self.userMembers[3], Self.userMembers[4])) }
        agree(PublicUser.self, Self.userJSON("\"id\":null", Self.userMembers[1], Self.userMembers[2], Self.userMembers[3], Self.userMembers[4]))
        agree(PublicUser.self, Self.userJSON("\"id\":7", Self.userMembers[1], Self.userMembers[2], Self.userMembers[3], Self.userMembers[4]))
        let dates = [
            "2026-11-21T10:00:00Z", "2026-11-21T10:00:00.5Z", "2026-11-21T10:00:00.123456Z", "2026-11-21T10:00:00+01:00", "2026-11-21T10:00:00.123+00:00",
            "2026-02-29T10:00:00Z", "2028-02-29T10:00:00.000Z", "2026-13-01T00:00:00Z", "2026-11-21 10:00:00Z", "2026-11-21t10:00:00z", "1899-12-31T23:59:59Z",
            "0001-01-01T00:00:00Z", "2026-11-21T24:00:00Z", "2026-11-21T23:59:60Z", "2026-11-21", "", "2026-11-21T10:00:00.12aZ", "\\u0032026-11-21T10:00:00Z",
        ]
        for date in dates { agree(PublicUser.self, Self.userJSON(Self.userMembers[0], Self.userMembers[1], Self.userMembers[2], Self.userMembers[3], "\"createdAt\":\"\(date)\"")) }
        for date in ["null", "0", "1700000000"] {
            agree(PublicUser.self, Self.userJSON(Self.userMembers[0], Self.userMembers[1], Self.userMembers[2], Self.userMembers[3], "\"createdAt\":\(date)"))
        }
    }

    static func postJSON(version: String = "3", extra: String? = nil) -> String {
        var members = [
            #""id":"\#(id)""#, #""slug":"s""#, #""title":"t""#, #""excerpt":"e""#, #""bodyMarkdown":"m""#, #""bodyHtml":"h""#, #""status":"published""#,
            #""publishedAt":null"#, #""createdAt":"2026-11-21T10:00:00.123Z""#, #""updatedAt":"2026-11-21T10:00:00Z""#, #""authorId":"\#(id)""#,
            #""tags":[]"#, #""version":\#(version)"#,
        ]
        if let extra { members.insert(extra, at: 3) }
        return "{" + members.joined(separator: ",") + "}"
    }

    @Test func numbersAgreeWithFoundation() {
        #expect(agree(Post.self, Self.postJSON()))
        #expect(agree(Post.self, Self.postJSON(version: "-9223372036854775808")))
        #expect(agree(Post.self, Self.postJSON(version: "9223372036854775807")))
        for version in [
            "9223372036854775808", "-9223372036854775809", "18446744073709551616", "99999999999999999999999", "1.0", "1.5", "1e2", "1E2", "-0", "0",
            "01", "-", "+1", "1.", ".5", "0x10", "Infinity", "NaN", "\"3\"", "null", "true", "3 ", "1e400", "-1e-400",
        ] {
            agree(Post.self, Self.postJSON(version: version))
        }
        for extra in [
            "1e400", "-1e-400", "123456789012345678901234567890123456789", "1.5e+3", "1E-3", "0.0", "-0", "-0.0", "01", "1.", ".5", "1e", "--1", "+1",
            "1.7976931348623157e309", "[1,2,3e5]", "{\"a\":-0.5}", String(repeating: "9", count: 400),
        ] {
            agree(Post.self, Self.postJSON(extra: "\"extra\":\(extra)"))
        }
    }

    /// Unknown members (of any shape) are skipped; missing optional members and `null` ones are nil;
    /// a missing or `null` required member, a wrong type, a duplicate: Foundation's answer.
    @Test func membersAgreeWithFoundation() {
        for extra in [
            #""extra":{"a":[1,{"b":null}],"c":"\u00e9"}"#, #""extra":[]"#, #""extra":true"#, #""extra":"x\"y""#, #""":1"#, #""ü":1"#, #""\u0069d":"x""#,
            #""slug":"again""#, #""publishAt":"2026-11-21T10:00:00Z""#, #""publishAt":null"#, #""coverImageUrl":"/media/a.png""#, #""coverImageUrl":null"#,
            #""coverImageUrl":5"#, #""tags":[{"name":"n","slug":"s","x":1}]"#, #""extra":[1,2,]"#, #""extra":{"a":1,}"#, #""extra":{"a"}"#,
            #""extra":{1:2}"#, #""extra":nul"#, #""extra":True"#, #""extra":'x'"#, #""id":"\#(Self.id)""#, #""status":"draft""#, #""status":"gone""#,
            #""status":null"#, #""publishedAt":"2026-11-21T10:00:00Z""#, #""extra":"\#u{1}""#,
        ] {
            agree(Post.self, Self.postJSON(extra: extra))
        }
        // Optional members missing altogether.
        #expect(agree(Post.self, Self.postJSON().replacingOccurrences(of: #","publishedAt":null"#, with: "")))
        // Required members missing, each in turn.
        for member in ["\"slug\":\"s\",", "\"tags\":[],", "\"createdAt\":\"2026-11-21T10:00:00.123Z\","] {
            agree(Post.self, Self.postJSON().replacingOccurrences(of: member, with: ""))
        }
        agree(Page<PostSummary>.self, #"{"nextCursor":null}"#)
        #expect(agree(Page<PostSummary>.self, #"{"items":[]}"#))
        #expect(agree(Page<PostSummary>.self, #"{"items":[],"nextCursor":"abc"}"#))
        agree(Page<PostSummary>.self, #"{"items":null}"#)
        agree(Page<PostSummary>.self, #"{"items":{}}"#)
        agree(Page<PostSummary>.self, #"{"items":[],"nextCursor":1}"#)
        agree(Page<PostSummary>.self, #"{"items":[],"items":[]}"#)
        agree(Page<PostSummary>.self, #"{"items":[],"nextCursor":null,"nextCursor":"x"}"#)
        agree(ItemList<PublicUser>.self, #"{"items":[null]}"#)
        agree(ItemList<PublicUser>.self, #"[]"#)
        agree(ItemList<PublicUser>.self, #""items""#)
        #expect(agree(ItemList<PublicUser>.self, #"{"items":[]}"#))
    }

    /// Not JSON, or not the document the type wants: the same failure as Foundation's.
    @Test func hostileDocumentsAgreeWithFoundation() throws {
        var generator = SystemRandomNumberGenerator()
        let page = Page(items: (0..<2).map { _ in Self.comment(&generator) }, nextCursor: "c")
        let bytes = try InkwellJSON.responseEncoder.encode(page)
        // Every truncation.
        for length in 0..<bytes.count { #expect(agree(Page<Comment>.self, Array(bytes.prefix(length))) == false) }
        // Random byte changes, some to bytes that are invalid UTF-8.
        for _ in 0..<1_500 {
            var mutated = bytes
            for _ in 0..<Int.random(in: 1...3) {
                mutated[Int.random(in: 0..<mutated.count)] = [0x00, 0x22, 0x5C, 0x2C, 0x7B, 0x7D, 0x5B, 0x5D, 0x3A, 0x30, 0x61, 0x80, 0xC0, 0xED, 0xFF].randomElement()!
            }
            agree(Page<Comment>.self, mutated)
        }
        for text in [
            "", " ", "null", "[]", "{", "}", "\u{FEFF}" + #"{"items":[]}"#, #"{"items":[]} x"#, #"{"items":[]}{"#, #"{"items":[]},"#,
            #"{"items":[]"#, #"{"items" [] }"#, #"{"items":[],}"#, #"{,"items":[]}"#, #"{'items':[]}"#, #"{items:[]}"#,
        ] {
            #expect(agree(Page<Comment>.self, text) == false)
        }
        for invalid: [UInt8] in [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0x80]] {
            let prefix = Array(#"{"items":[],"nextCursor":""#.utf8), suffix = Array(#""}"#.utf8)
            #expect(agree(Page<Comment>.self, prefix + invalid + suffix) == false)
            let extraPrefix = Array(#"{"items":[],"x":""#.utf8)
            #expect(agree(Page<Comment>.self, extraPrefix + invalid + suffix) == false)
            let keyPrefix = Array(#"{"items":[],""#.utf8), keySuffix = Array(#"":1}"#.utf8)
            #expect(agree(Page<Comment>.self, keyPrefix + invalid + keySuffix) == false)
        }
    }

    /// Deep nesting, in ignored members and in replies: bounded, never a crash, Foundation decides.
    @Test func deepNestingIsBounded() {
        for depth in [10, 60, 63, 64, 65, 200, 600, 20_000] {
            let nested = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            agree(Page<PostSummary>.self, #"{"items":[],"x":"# + nested + "}")
            let objects = String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth)
            agree(Page<PostSummary>.self, #"{"items":[],"x":"# + objects + "}")
            agree(Page<PostSummary>.self, #"{"items":[],"x":"# + String(repeating: "[", count: depth) + "}")
        }
        func thread(_ depth: Int) -> Comment {
            var comment = Comment(
                id: UUID(), postId: UUID(), parentId: nil, authorId: UUID(), body: "b", status: .approved, createdAt: Date(timeIntervalSince1970: 1), editedAt: nil,
                deleted: false)
            for _ in 0..<depth {
                comment = Comment(
                    id: UUID(), postId: UUID(), parentId: UUID(), authorId: UUID(), body: "b", status: .approved, createdAt: Date(timeIntervalSince1970: 1),
                    editedAt: nil, deleted: false, replies: [comment])
            }
            return comment
        }
        #expect(agree(ItemList<Comment>.self, try! InkwellJSON.responseEncoder.encode(ItemList(items: [thread(20)]))))
        #expect(agree(ItemList<Comment>.self, try! InkwellJSON.responseEncoder.encode(ItemList(items: [thread(200)]))) == false)
    }

    @Test func keysAreComparedWhole() {
        // Prefixes and extensions of known keys are unknown keys.
        let user = Self.userJSON(#""i":"x""#, #""idx":"y""#, #""ID":"z""#, Self.userMembers[0], Self.userMembers[1], Self.userMembers[2], Self.userMembers[3], Self.userMembers[4])
        #expect(agree(PublicUser.self, user))
    }
}
