import Foundation
import InkwellContracts
import InkwellCore
import Testing

/// The hand-written fast paths (``JSONStreamEncodable``) give byte for byte what the same values'
/// `Encodable` conformances give through the response encoder, and dates written straight to
/// bytes match ``InkwellJSON/format(_:)``.
@Suite struct JSONStreamEncodableTests {
    /// Hides a value's fast path: the encoder sees a plain `Encodable` and takes `encode(to:)` all the way down.
    struct ViaCodable<Value: Encodable>: Encodable {
        let value: Value
        func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
    }

    let encoder = StreamingJSONEncoder()

    func bothWays<Value: JSONStreamEncodable>(_ value: Value) throws -> (fast: String, codable: String) {
        (String(decoding: try encoder.encode(value), as: UTF8.self), String(decoding: try encoder.encode(ViaCodable(value: value)), as: UTF8.self))
    }

    static let awkward = "quote \" backslash \\ newline \n tab \t control \u{01} slash / unicode ünï 🎉 <script>"

    static func post(status: PostStatus = .published, dates: Bool = true, tags: [TagRef] = [TagRef(name: "Swift", slug: "swift")], cover: String? = nil) -> Post {
        Post(
            id: UUID(uuidString: "0190A1B2-C3D4-7E5F-8A9B-0C1D2E3F4A5B")!, slug: "a-post", title: awkward, excerpt: "", bodyMarkdown: "# Hi\n\n" + awkward,
            bodyHtml: "<h1>Hi</h1>\n<p>&lt;b&gt;</p>", status: status,
            publishedAt: dates ? Date(timeIntervalSince1970: 1_767_225_600.123456) : nil, publishAt: dates ? Date(timeIntervalSince1970: 1_767_225_601) : nil,
            createdAt: Date(timeIntervalSince1970: 1_700_000_000.999_999), updatedAt: Date(timeIntervalSince1970: 1_700_000_000.0005),
            authorId: UUID(), tags: tags, coverImageUrl: cover, version: Int64.max
        )
    }

    @Test(arguments: [
        post(), post(status: .draft, dates: false, tags: []), post(status: .scheduled, tags: [TagRef(name: awkward, slug: "x"), TagRef(name: "B", slug: "b")], cover: "/media/a.png"),
    ])
    func postMatchesCodable(_ post: Post) throws {
        let (fast, codable) = try bothWays(post)
        #expect(fast == codable)
        #expect(try InkwellJSON.decoder.decode(Post.self, from: Data(fast.utf8)) == post.roundedToMilliseconds)
    }

    @Test func summaryAndPageMatchCodable() throws {
        let summaries = [Self.post().summary, Self.post(status: .draft, dates: false, tags: [], cover: "https://x/\"y\"").summary]
        for summary in summaries {
            let (fast, codable) = try bothWays(summary)
            #expect(fast == codable)
        }
        for page in [Page(items: summaries, nextCursor: "abc\"def"), Page(items: summaries), Page<PostSummary>(items: [])] {
            let (fast, codable) = try bothWays(page)
            #expect(fast == codable)
            #expect(try InkwellJSON.decoder.decode(Page<PostSummary>.self, from: Data(fast.utf8)).items.count == page.items.count)
        }
        let (fast, codable) = try bothWays(Page(items: [Self.post()], nextCursor: nil))
        #expect(fast == codable)
    }

    static let user = PublicUser(
        id: UUID(uuidString: "0190A1B2-C3D4-7E5F-8A9B-0C1D2E3F4A5C")!, username: "grace", displayName: awkward, bio: "",
        createdAt: Date(timeIntervalSince1970: 1_700_000_000.123_456))

    static func comment(parent: UUID? = nil, editedAt: Date? = nil, deleted: Bool = false, replies: [InkwellContracts.Comment] = []) -> InkwellContracts.Comment {
        InkwellContracts.Comment(
            id: UUID(), postId: UUID(), parentId: parent, authorId: user.id, body: deleted ? "" : awkward, status: .approved,
            createdAt: Date(timeIntervalSince1970: 1_767_225_600.5), editedAt: editedAt, deleted: deleted, replies: replies)
    }

    /// The gateway's composed shapes: with and without author, count and comments.
    @Test func composedShapesMatchCodable() throws {
        let user = Self.user
        let (u1, u2) = try bothWays(user)
        #expect(u1 == u2)
        let summary = Self.post().summary
        for composed in [
            ComposedPostSummary(summary: summary, author: user, commentCount: 3), ComposedPostSummary(summary: summary),
            ComposedPostSummary(summary: Self.post(status: .draft, dates: false, tags: []).summary, author: nil, commentCount: 0),
        ] {
            let (fast, codable) = try bothWays(composed)
            #expect(fast == codable)
            #expect(try InkwellJSON.decoder.decode(ComposedPostSummary.self, from: Data(fast.utf8)).commentCount == composed.commentCount)
        }
        let page = Page(items: [ComposedPostSummary(summary: summary, author: user, commentCount: 1), ComposedPostSummary(summary: summary)], nextCursor: "c")
        let (p1, p2) = try bothWays(page)
        #expect(p1 == p2)
        for profile in [PublicProfile(user: user, recentPosts: [summary, summary]), PublicProfile(user: user, recentPosts: [])] {
            let (fast, codable) = try bothWays(profile)
            #expect(fast == codable)
        }
        let reply = Self.comment(parent: UUID(), editedAt: Date(timeIntervalSince1970: 1_767_225_700.25))
        let tree = [Self.comment(replies: [reply, Self.comment(parent: UUID(), deleted: true)]), Self.comment()]
        let authors = [user.id: user]
        let comments = tree.map { ComposedComment($0, authors: authors) }
        for comment in comments + tree.map({ ComposedComment($0, authors: [:]) }) {
            let (fast, codable) = try bothWays(comment)
            #expect(fast == codable)
        }
        for post in [
            ComposedPost(post: Self.post(), author: user, commentCount: 2, comments: Page(items: comments, nextCursor: "n")),
            ComposedPost(post: Self.post(status: .draft, dates: false, tags: [])),
        ] {
            let (fast, codable) = try bothWays(post)
            #expect(fast == codable)
            #expect(try InkwellJSON.decoder.decode(ComposedPost.self, from: Data(fast.utf8)).comments.items.count == post.comments.items.count)
        }
    }

    /// Nested in a plain `Encodable`, a post takes `encode(to:)` (the fast path starts only at the top).
    @Test func itemListsMatchCodable() throws {
        for list in [ItemList(items: [Self.user, Self.user]), ItemList<PublicUser>(items: [])] {
            let (fast, codable) = try bothWays(list)
            #expect(fast == codable)
        }
    }

    @Test func aPostInsideAnotherValueEncodesTheSame() throws {
        struct Wrapper: Encodable {
            let posts: [Post]
            let note: String?
        }
        let wrapper = Wrapper(posts: [Self.post(), Self.post(dates: false)], note: nil)
        let output = try encoder.encode(wrapper)
        let expected = try encoder.encode(ViaCodable(value: wrapper))
        #expect(output == expected)
    }

    /// Dates straight to bytes against Foundation's format style, over the times a database hands
    /// out (whole microseconds, whole seconds, exact milliseconds) and arbitrary doubles, including
    /// those near a millisecond boundary (left to the style) and outside the fast range.
    @Test func datesMatchTheFormatStyle() throws {
        var generator = SystemRandomNumberGenerator()
        var dates: [Date] = [
            Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: -0.0004), Date(timeIntervalSince1970: -1.0006),
            Date(timeIntervalSince1970: 951_782_400), Date(timeIntervalSince1970: 4_107_542_400), Date(timeIntervalSinceReferenceDate: 0),
            Date(timeIntervalSince1970: 253_402_300_799.999), Date(timeIntervalSince1970: -62_135_596_800), Date.distantPast, Date.distantFuture,
            Date(timeIntervalSince1970: -2_208_988_800), Date(timeIntervalSince1970: -2_208_988_800.5),
        ]
        for _ in 0..<20_000 {
            let micros = Int64.random(in: -4_000_000_000_000_000...4_000_000_000_000_000, using: &generator)
            dates.append(Date(timeIntervalSinceReferenceDate: Double(micros) / 1_000_000))
            let seconds = micros / 1_000_000
            dates.append(Date(timeIntervalSinceReferenceDate: Double(seconds)))
            dates.append(Date(timeIntervalSinceReferenceDate: Double(seconds) + Double(Int.random(in: 0..<1000, using: &generator)) / 1000))
            dates.append(Date(timeIntervalSinceReferenceDate: Double(seconds) + Double.random(in: 0..<1, using: &generator)))
            dates.append(Date(timeIntervalSince1970: Double(seconds) + Double(Int.random(in: 0..<1_000_000, using: &generator)) / 1_000_000))
        }
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)
        var mismatches: [String] = []
        for date in dates {
            let expected = "\"" + style.format(date) + "\""
            let written = String(decoding: try encoder.encode(date), as: UTF8.self)
            if written != expected { mismatches.append("\(date.timeIntervalSinceReferenceDate): \(written) != \(expected)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }
}

extension Post {
    /// As it reads back from JSON (dates carry milliseconds).
    var roundedToMilliseconds: Post {
        func ms(_ date: Date) -> Date { InkwellJSON.parseDate(InkwellJSON.format(date))! }
        var copy = self
        copy.publishedAt = publishedAt.map(ms)
        copy.publishAt = publishAt.map(ms)
        copy.createdAt = ms(createdAt)
        copy.updatedAt = ms(updatedAt)
        return copy
    }
}
