import Foundation
import InkwellContracts
import InkwellCore
import Testing

/// The response encoder against Foundation's: every value reads back equal, the text is valid
/// JSON, strings are escaped, and the shapes the services answer with round-trip.
@Suite struct StreamingJSONEncoderTests {
    struct Leaf: Codable, Equatable {
        var text: String
        var number: Int
        var big: Int64
        var ratio: Double
        var flag: Bool
        var missing: String?
        @Nullable var explicitNull: String?
        var when: Date
    }

    enum Shape: Codable, Equatable {
        case circle(radius: Double)
        case polygon(points: [[Int]], name: String?)
        case empty
    }

    struct Tree: Codable, Equatable {
        var leaves: [Leaf]
        var children: [Tree]
        var counts: [String: Int]
        var shapes: [Shape]
        var nested: [[String?]]
    }

    /// A hand-written `encode(to:)` using nested containers and the same container twice.
    struct Manual: Encodable {
        func encode(to encoder: any Encoder) throws {
            var outer = encoder.container(keyedBy: AnyKey.self)
            try outer.encode(1, forKey: AnyKey("a"))
            var inner = outer.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("b"))
            try inner.encode("x", forKey: AnyKey("c"))
            var list = outer.nestedUnkeyedContainer(forKey: AnyKey("d"))
            try list.encode(true)
            var deeper = list.nestedContainer(keyedBy: AnyKey.self)
            try deeper.encodeNil(forKey: AnyKey("e"))
            try outer.encode([1, 2], forKey: AnyKey("f"))
            var again = encoder.container(keyedBy: AnyKey.self)
            try again.encode("last", forKey: AnyKey("g"))
        }
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    struct Empty: Codable, Equatable {}

    static let when = Date(timeIntervalSince1970: 1_764_583_200.125)  // exact in binary: reads back equal at ms precision

    func roundTrip<Value: Codable & Equatable>(_ value: Value) throws {
        let bytes = try StreamingJSONEncoder().encode(value)
        #expect((try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])) != nil, "\(String(decoding: bytes, as: UTF8.self))")
        #expect(try InkwellJSON.decoder.decode(Value.self, from: Data(bytes)) == value)
        let foundation = try InkwellJSON.encoder.encode(value)
        #expect(try InkwellJSON.decoder.decode(Value.self, from: foundation) == value)
    }

    @Test func nestedValuesReadBackEqual() throws {
        let leaf = Leaf(text: "plain", number: -42, big: .max, ratio: 0.1, flag: true, missing: nil, explicitNull: nil, when: Self.when)
        let tree = Tree(
            leaves: [leaf, Leaf(text: "", number: 0, big: .min, ratio: 3, flag: false, missing: "here", explicitNull: "set", when: Self.when)],
            children: [Tree(leaves: [], children: [], counts: [:], shapes: [.empty], nested: [[]])],
            counts: ["b": 2, "a": 1, "quote\"key": 3],
            shapes: [.circle(radius: 1.5), .polygon(points: [[1, 2], [3, 4]], name: nil), .polygon(points: [], name: "n")],
            nested: [["x", nil], [], [nil]]
        )
        try roundTrip(tree)
        try roundTrip([leaf])
        try roundTrip(Empty())
        try roundTrip("top-level string")
        try roundTrip(12)
        try roundTrip([String: [Int]]())
    }

    @Test func explicitNullsAreWrittenAndMissingOptionalsLeftOut() throws {
        let leaf = Leaf(text: "t", number: 1, big: 2, ratio: 2.5, flag: true, missing: nil, explicitNull: nil, when: Self.when)
        let text = String(decoding: try StreamingJSONEncoder().encode(leaf), as: UTF8.self)
        #expect(text.contains(#""explicitNull":null"#))
        #expect(!text.contains("missing"))
        #expect(text.contains(#""when":"2025-12-01T10:00:00.125Z""#))
        #expect(text.contains(#""ratio":2.5"#))
        #expect(text.contains(#""big":2"#))
    }

    @Test func stringsAreEscaped() throws {
        let nasty = "quote \" backslash \\ newline \n tab \t cr \r bell \u{07} nul \u{0} unit \u{1F} slash / é 😀 \u{2028}"
        let bytes = try StreamingJSONEncoder().encode([nasty])
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains(#"\""#) && text.contains(#"\\"#) && text.contains(#"\n"#) && text.contains(#"\u0007"#) && text.contains(#"\u0000"#) && text.contains(#"\u001f"#))
        #expect(text.contains(" / "), "slashes stay unescaped")
        #expect(try JSONDecoder().decode([String].self, from: Data(bytes)) == [nasty])
    }

    /// Every byte that needs an escape, at every place around the eight-byte steps of the scan,
    /// among ASCII and multi-byte characters: the same bytes as escaping byte by byte.
    @Test func escapesAreFoundAtEveryOffset() throws {
        func reference(_ string: String) -> [UInt8] {
            var out: [UInt8] = [0x22]
            for byte in string.utf8 {
                switch byte {
                case 0x22: out += [0x5C, 0x22]
                case 0x5C: out += [0x5C, 0x5C]
                case 0x0A: out += Array(#"\n"#.utf8)
                case 0x0D: out += Array(#"\r"#.utf8)
                case 0x09: out += Array(#"\t"#.utf8)
                case 0x08: out += Array(#"\b"#.utf8)
                case 0x0C: out += Array(#"\f"#.utf8)
                case ..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    out += Array(#"\u00"#.utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
                default: out.append(byte)
                }
            }
            return out + [0x22]
        }
        let encoder = StreamingJSONEncoder()
        for special in ["\"", "\\", "\n", "\u{0}", "\u{1F}", "\u{7F}", " ", "é", "😀"] {
            for filler in ["a", "é", "~", "\u{80}"] {
                for length in 0...20 {
                    for position in 0...length {
                        var characters = Array(repeating: filler, count: length)
                        characters.insert(special, at: position)
                        let string = characters.joined()
                        let bytes = try encoder.encode(string)
                        #expect(bytes == reference(string), "\(string.debugDescription)")
                        #expect(try JSONDecoder().decode(String.self, from: Data(bytes)) == string)
                    }
                }
            }
        }
    }

    @Test func handWrittenContainersNestAndClose() throws {
        let bytes = try StreamingJSONEncoder().encode(Manual())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any], "\(String(decoding: bytes, as: UTF8.self))")
        #expect(object["a"] as? Int == 1)
        #expect((object["b"] as? [String: Any])?["c"] as? String == "x")
        let list = object["d"] as? [Any]
        #expect(list?.count == 2)
        #expect((list?[1] as? [String: Any])?["e"] is NSNull)
        #expect(object["f"] as? [Int] == [1, 2])
        #expect(object["g"] as? String == "last")
    }

    @Test func nonFiniteNumbersAreRefused() {
        #expect(throws: EncodingError.self) { try StreamingJSONEncoder().encode([Double.nan]) }
        #expect(throws: EncodingError.self) { try StreamingJSONEncoder().encode(["x": Double.infinity]) }
    }

    @Test func theServicesShapesRoundTrip() throws {
        let id = UUIDv7.generate(), author = UUIDv7.generate()
        let tags = [TagRef(name: "Swift <3", slug: "swift-3")]
        let post = Post(
            id: id, slug: "a-post", title: "A \"post\"", excerpt: "Ex…", bodyMarkdown: "# Hi\n\n<b>", bodyHtml: "<h1>Hi</h1>\n<p>&lt;b&gt;</p>",
            status: .published, publishedAt: Self.when, publishAt: nil, createdAt: Self.when, updatedAt: Self.when, authorId: author,
            tags: tags, coverImageUrl: nil, version: 3
        )
        try roundTrip(post)
        try roundTrip(Page(items: [post.summary, post.summary], nextCursor: "abc"))
        try roundTrip(Page<PostSummary>(items: [], nextCursor: nil))
        let reply = Comment(id: UUIDv7.generate(), postId: id, parentId: UUIDv7.generate(), authorId: author, body: "r", status: .approved, createdAt: Self.when, editedAt: nil, deleted: false)
        try roundTrip(Comment(id: UUIDv7.generate(), postId: id, parentId: nil, authorId: author, body: "b\nline", status: .approved, createdAt: Self.when, editedAt: Self.when, deleted: false, replies: [reply]))
        let user = PublicUser(id: author, username: "grace", displayName: "Grace", bio: "", createdAt: Self.when)
        try roundTrip(PublicProfile(user: user, recentPosts: [post.summary]))
        let text = String(decoding: try StreamingJSONEncoder().encode(post.summary), as: UTF8.self)
        #expect(text.contains(#""id":"\#(id.uuidString.lowercased())""#), "ids in lower case")
        #expect(text.contains(#""coverImageUrl":null"#))
    }
}
