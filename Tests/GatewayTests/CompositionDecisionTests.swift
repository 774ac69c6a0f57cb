import Foundation
import GatewayService
import InkwellContracts
import NIOCore
import Testing

/// The composition decisions without I/O: which answers compose, which services a part's
/// absence names, how authors attach to a comment tree, what an answer is tagged with, where a
/// redirect points.
@Suite struct CompositionDecisionTests {
    static let grace = PublicUser(id: UUID(), username: "grace", displayName: "Grace", bio: "", createdAt: Date(timeIntervalSince1970: 1_800_000_000))
    static let alan = PublicUser(id: UUID(), username: "alan", displayName: "Alan", bio: "", createdAt: Date(timeIntervalSince1970: 1_800_000_000))

    static func summary(by author: UUID) -> PostSummary {
        PostSummary(id: UUID(), slug: "s\(UUID().uuidString.prefix(4))", title: "T", excerpt: "", publishedAt: nil, authorId: author, tags: [], coverImageUrl: nil)
    }

    static func comment(by author: UUID, post: UUID, replies: [InkwellContracts.Comment] = []) -> InkwellContracts.Comment {
        InkwellContracts.Comment(id: UUID(), postId: post, parentId: nil, authorId: author, body: "b", status: .approved, createdAt: Date(), editedAt: nil, deleted: false, replies: replies)
    }

    static func post(by author: UUID) -> Post {
        Post(id: UUID(), slug: "p", title: "T", excerpt: "", bodyMarkdown: "", bodyHtml: "", status: .published, publishedAt: Date(), publishAt: nil,
             createdAt: Date(), updatedAt: Date(), authorId: author, tags: [], coverImageUrl: nil, version: 1)
    }

    @Test(arguments: [(200, CriticalAnswer.compose), (301, .redirect), (308, .redirect), (404, .passOn), (401, .passOn), (403, .passOn), (400, .passOn), (500, .passOn)])
    func criticalAnswers(status: Int, expected: CriticalAnswer) {
        #expect(CriticalAnswer(status: status) == expected)
    }

    @Test func degradedHeaderNamesTheMissingServicesSortedOnce() {
        var degradation = Degradation()
        #expect(degradation.headerValue == nil && !degradation.isDegraded)
        degradation.record(.users)
        degradation.record(.comments)
        degradation.record(.users)
        #expect(degradation.headerValue == "comments,users")
        degradation.record(.blog)
        #expect(degradation.headerValue == "blog,comments,users")
    }

    @Test(arguments: [(200, false, true), (301, false, false), (404, false, true), (200, true, false), (401, false, false), (403, false, false), (400, false, false), (503, false, false)])
    func cacheability(status: Int, degraded: Bool, expected: Bool) {
        let degradation = Degradation(missing: degraded ? [.users] : [])
        #expect(ComposedAnswer.isCacheable(status: status, degradation: degradation) == expected)
    }

    @Test func summariesGetAuthorsAndCountsOrNullsWithTheMissingServices() {
        let items = [Self.summary(by: Self.grace.id), Self.summary(by: Self.alan.id)]
        let complete = PostComposition.summaries(items, users: [Self.grace.id: Self.grace], counts: [items[0].id: 3])
        #expect(complete.0.map(\.author) == [Self.grace, nil], "an erased author is null")
        #expect(complete.0.map(\.commentCount) == [3, 0])
        #expect(!complete.1.isDegraded)

        let noUsers = PostComposition.summaries(items, users: nil, counts: [:])
        #expect(noUsers.0.allSatisfy { $0.author == nil })
        #expect(noUsers.1.headerValue == "users")

        let nothing = PostComposition.summaries(items, users: nil, counts: nil)
        #expect(nothing.0.allSatisfy { $0.commentCount == nil })
        #expect(nothing.1.headerValue == "comments,users")
    }

    @Test func authorsAttachToEveryCommentAndReplyAtAnyDepth() {
        let postId = UUID()
        let erased = UUID()
        let deep = Self.comment(by: Self.grace.id, post: postId)
        let reply = Self.comment(by: erased, post: postId, replies: [deep])
        let top = [Self.comment(by: Self.alan.id, post: postId, replies: [reply]), Self.comment(by: Self.grace.id, post: postId)]
        #expect(CommentAuthorship.authorIds(of: top) == [Self.alan.id, erased, Self.grace.id], "each author once, depth first")
        let composed = CommentAuthorship.compose(top, users: [Self.grace.id: Self.grace, Self.alan.id: Self.alan])
        #expect(composed[0].author == Self.alan)
        #expect(composed[0].replies[0].author == nil, "an erased commenter is null")
        #expect(composed[0].replies[0].replies[0].author == Self.grace)
        #expect(composed[0].replies[0].replies[0].id == deep.id)
        #expect(composed[1].author == Self.grace)
    }

    @Test func postCompositionDegradesCommentsAndUsersApart() {
        let post = Self.post(by: Self.grace.id)
        let page = Page(items: [Self.comment(by: Self.alan.id, post: post.id)], nextCursor: "next")
        #expect(PostComposition.userIds(of: post, comments: .page(page)) == [Self.grace.id, Self.alan.id])

        let whole = PostComposition.post(post, users: [Self.grace.id: Self.grace, Self.alan.id: Self.alan], commentCount: 1, comments: .page(page))
        #expect(whole.0.author == Self.grace && whole.0.commentCount == 1)
        #expect(whole.0.comments.items.first?.author == Self.alan && whole.0.comments.nextCursor == "next")
        #expect(!whole.1.isDegraded)

        let unknownThread = PostComposition.post(post, users: [:], commentCount: 0, comments: .none)
        #expect(unknownThread.0.comments.items.isEmpty && unknownThread.0.commentCount == 0)
        #expect(!unknownThread.1.isDegraded, "a thread the comments service does not know is empty, not missing")

        let noComments = PostComposition.post(post, users: [Self.grace.id: Self.grace], commentCount: nil, comments: .missing)
        #expect(noComments.0.comments.items.isEmpty && noComments.0.commentCount == nil)
        #expect(noComments.1.headerValue == "comments")

        let noUsers = PostComposition.post(post, users: nil, commentCount: 1, comments: .page(page))
        #expect(noUsers.0.author == nil && noUsers.0.comments.items.first?.author == nil)
        #expect(noUsers.1.headerValue == "users")
    }

    @Test(arguments: [(200, true, "page"), (200, false, "missing"), (404, false, "none"), (500, false, "missing"), (nil, false, "missing")] as [(Int?, Bool, String)])
    func commentsPartOfAnAnswer(status: Int?, decoded: Bool, expected: String) {
        let part = CommentsPart(status: status, page: decoded ? Page(items: []) : nil)
        let name = switch part { case .page: "page"; case .none: "none"; case .missing: "missing" }
        #expect(name == expected)
    }

    @Test(arguments: [
        ("/api/v1/posts/new", nil, "http://gw.example/api/v1/posts/new"),
        ("/api/v1/posts/new", "x=1", "http://gw.example/api/v1/posts/new?x=1"),
        ("http://127.0.0.1:9001/api/v1/posts/new", nil, "http://gw.example/api/v1/posts/new"),
        ("/api/v1/posts/new?y=2", "x=1", "http://gw.example/api/v1/posts/new?y=2"),
    ] as [(String, String?, String)])
    func redirectsPointAtTheGateway(location: String, query: String?, expected: String) {
        #expect(RedirectLocation(publicBaseURL: "http://gw.example/").rewrite(location, query: query) == expected)
        #expect(RedirectLocation(publicBaseURL: "").rewrite("/api/v1/posts/new", query: nil) == "/api/v1/posts/new", "no base: the same path here")
    }

    @Test func tagsNameEveryPostUserAndFilter() {
        let items = [Self.summary(by: Self.grace.id)]
        #expect(CompositionTags.summaries(items) == [.post(items[0].id), .user(Self.grace.id)])
        #expect(CompositionTags.feedFilters(tag: "swift", author: "grace") == [.lists, .tag("swift"), .username("grace")])
        #expect(CompositionTags.feedFilters(tag: nil, author: nil) == [.lists])
        let postId = UUID()
        let tree = [Self.comment(by: Self.alan.id, post: postId, replies: [Self.comment(by: Self.grace.id, post: postId)])]
        #expect(CompositionTags.comments(tree) == [.post(postId), .user(Self.alan.id), .user(Self.grace.id)])
    }

    /// A thread names its post: by the comments service's header, or by its comments; an empty
    /// page without the header names none and is not to be kept.
    @Test func threadTagsAlwaysNameThePost() {
        let postId = UUID()
        #expect(CompositionTags.thread(slug: "s", postId: postId, comments: []) == [.postSlug("s"), .post(postId)])
        #expect(CompositionTags.thread(slug: "s", postId: nil, comments: []) == nil)
        let tree = [Self.comment(by: Self.alan.id, post: postId)]
        #expect(CompositionTags.thread(slug: "s", postId: nil, comments: tree) == [.postSlug("s"), .post(postId), .user(Self.alan.id)])
        #expect(CompositionTags.thread(slug: "s", postId: postId, comments: tree) == [.postSlug("s"), .post(postId), .user(Self.alan.id)])
    }
}

extension CompositionDecisionTests {
    @Test func degradedAnswersCarryTheHeaderAndAreNotCacheable() throws {
        let degraded = try ComposedAnswer.json(["a": 1], tags: [.lists], degradation: Degradation(missing: [.users, .blog]))
        #expect(degraded.status == .ok)
        #expect(degraded.headers[.init("X-Inkwell-Degraded")!] == "blog,users")
        #expect(!degraded.isCacheable)
        #expect(degraded.tags == [.lists])
        let whole = try ComposedAnswer.json(["a": 1], tags: [.lists])
        #expect(whole.isCacheable && whole.headers[.init("X-Inkwell-Degraded")!] == nil)
        #expect(String(buffer: whole.body) == #"{"a":1}"#)
    }
}
