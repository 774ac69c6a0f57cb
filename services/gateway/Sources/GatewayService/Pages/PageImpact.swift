import Foundation
import InkwellContracts

/// Which pages a ``SiteChange`` affects, from the site before the change and after it (the
/// services' current state read back): the decision of incremental regeneration, without I/O.
/// Keys of both states are included, so a page that stopped existing (an old slug, a tag
/// without posts left, an index page past the last) is among them and gets removed.
public enum PageImpact {
    public static func pages(for change: SiteChange, before: SiteModel, after: SiteModel) -> Set<PageKey> {
        switch change {
        case .post(let id): postPages(id, before, after)
        case .comments(let postId): commentPages(postId, before, after)
        case .user(let id): userPages(id, before, after)
        }
    }

    /// The union over `changes`: a burst of events renders each page once.
    public static func pages(for changes: some Sequence<SiteChange>, before: SiteModel, after: SiteModel) -> Set<PageKey> {
        var keys = Set<PageKey>()
        for change in changes { keys.formUnion(pages(for: change, before: before, after: after)) }
        return keys
    }

    static func postPages(_ id: UUID, _ before: SiteModel, _ after: SiteModel) -> Set<PageKey> {
        let old = before.posts[id], new = after.posts[id]
        var keys: Set<PageKey> = []
        for state in [(before, old), (after, new)] {
            guard let post = state.1 else { continue }
            keys.insert(.post(slug: post.slug))
            for tag in post.tags { keys.insert(.tag(slug: tag.slug)) }
            if let author = state.0.users[post.authorId] { keys.insert(.author(username: author.username)) }
            if let page = state.0.indexPage(of: id) { keys.insert(.index(page)) }
        }
        for slug in before.oldSlugs(of: id) + after.oldSlugs(of: id) { keys.insert(.redirect(oldSlug: slug)) }
        guard old != nil || new != nil else { return keys }  // never published: nothing shows it
        // A post that appears, disappears or moves in time shifts every later index page.
        if old == nil || new == nil || old?.publishedAt != new?.publishedAt {
            for page in 1...max(before.indexPageCount, after.indexPageCount) { keys.insert(.index(page)) }
        }
        keys.insert(.feed)
        keys.insert(.sitemap)
        return keys
    }

    static func commentPages(_ postId: UUID, _ before: SiteModel, _ after: SiteModel) -> Set<PageKey> {
        // A post the site did not know (see SiteBuilder.refresh): every page it appears on.
        if before.posts[postId] == nil, after.posts[postId] != nil { return postPages(postId, before, after) }
        guard let post = after.posts[postId] ?? before.posts[postId] else { return [] }
        var keys: Set<PageKey> = [.post(slug: post.slug)]
        if let page = after.indexPage(of: postId) { keys.insert(.index(page)) }
        return keys
    }

    static func userPages(_ id: UUID, _ before: SiteModel, _ after: SiteModel) -> Set<PageKey> {
        var keys: Set<PageKey> = []
        for model in [before, after] {
            let authored = model.posts(author: id)
            if let user = model.users[id], !authored.isEmpty { keys.insert(.author(username: user.username)) }
            for post in authored {
                keys.insert(.post(slug: post.slug))
                for tag in post.tags { keys.insert(.tag(slug: tag.slug)) }
                if let page = model.indexPage(of: post.id) { keys.insert(.index(page)) }
            }
            if !authored.isEmpty {
                keys.insert(.feed)
                keys.insert(.sitemap)
            }
            for (postId, shown) in model.shownUsers where shown.contains(id) {
                if let post = model.posts[postId] { keys.insert(.post(slug: post.slug)) }
            }
        }
        return keys
    }
}
