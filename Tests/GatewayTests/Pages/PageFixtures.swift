import Foundation
import GatewayService
import InkwellContracts

/// Posts, users and comments for the page tests, with fixed ids and dates.
enum PageFixtures {
    static let site = SiteIdentity(name: "Inkwell", baseURL: "https://blog.test/")
    static let alice = PublicUser(id: id(1), username: "alice", displayName: "Alice Liddell", bio: "Writes about rabbits.", createdAt: date(0))
    static let bob = PublicUser(id: id(2), username: "bob", displayName: "Bob", bio: "", createdAt: date(0))

    static func id(_ n: Int) -> UUID {
        UUID(uuidString: "00000000-0000-7000-8000-" + String(repeating: "0", count: 12 - String(n).count) + String(n))!
    }

    /// 2026-06-01T09:30:05Z plus `days`.
    static func date(_ days: Int) -> Date { Date(timeIntervalSince1970: 1_780_306_205 + Double(days) * 86_400) }

    static func summary(_ n: Int, slug: String? = nil, title: String? = nil, author: PublicUser = alice, tags: [TagRef] = [TagRef(name: "Swift", slug: "swift")], day: Int? = nil) -> PostSummary {
        PostSummary(id: id(100 + n), slug: slug ?? "post-\(n)", title: title ?? "Post number \(n)", excerpt: "The excerpt of post \(n).", publishedAt: date(day ?? n), authorId: author.id, tags: tags, coverImageUrl: nil)
    }

    static func post(_ summary: PostSummary, html: String = "<p>Hello <em>world</em>.</p>") -> Post {
        Post(
            id: summary.id, slug: summary.slug, title: summary.title, excerpt: summary.excerpt, bodyMarkdown: "", bodyHtml: html, status: .published,
            publishedAt: summary.publishedAt, publishAt: nil, createdAt: date(0), updatedAt: date(0), authorId: summary.authorId, tags: summary.tags,
            coverImageUrl: summary.coverImageUrl, version: 1
        )
    }

    static func comment(_ n: Int, on post: UUID, by user: PublicUser, body: String, replies: [Comment] = []) -> Comment {
        Comment(id: id(500 + n), postId: post, parentId: nil, authorId: user.id, body: body, status: .approved, createdAt: date(n), editedAt: nil, deleted: false, replies: replies)
    }

    /// A site of `count` posts by alice (the odd ones by bob).
    static func model(posts count: Int) -> SiteModel {
        var model = SiteModel()
        model.setPosts((1...max(count, 1)).prefix(count).map { summary($0, author: $0 % 2 == 1 ? bob : alice) })
        model.addUsers([alice.id: alice, bob.id: bob])
        return model
    }
}
