import Foundation
import InkwellContracts

extension SiteBuilder {
    /// One rendered page: its bytes (nil when the page does not exist any more) and, for a post
    /// page, the users it shows (for ``SiteModel/setShownUsers(_:onPost:)``).
    struct RenderedPage: Sendable {
        var key: PageKey
        var bytes: [UInt8]?
        var shownUsers: (postId: UUID, users: Set<UUID>)?
    }

    /// Below this many pages one task renders them all (a comment's pass: two pages).
    public static let parallelRenderThreshold = 32

    /// Renders `keys` from `model`, spread over one task per core when there are many (a
    /// rebuild): every page depends only on the model, bodies and trees, never on another
    /// page, so the result is the same as one task's, in the order of `keys`. Keys are dealt
    /// out in turn (task i takes keys i, i+n, ...), so the heavy post pages, adjacent in the
    /// sorted keys, are shared evenly.
    func renderPages(_ keys: [PageKey], model: SiteModel, posts: [UUID: Post], trees: [UUID: [Comment]]) async -> [RenderedPage] {
        let tasks = min(ProcessInfo.processInfo.activeProcessorCount, keys.count / Self.parallelRenderThreshold)
        guard tasks > 1 else { return keys.map { renderPage($0, model: model, posts: posts, trees: trees) } }
        return await withTaskGroup(of: (Int, [RenderedPage]).self) { group in
            for task in 0..<tasks {
                group.addTask {
                    (task, stride(from: task, to: keys.count, by: tasks).map { renderPage(keys[$0], model: model, posts: posts, trees: trees) })
                }
            }
            var parts = [[RenderedPage]](repeating: [], count: tasks)
            for await (task, part) in group { parts[task] = part }
            var pages: [RenderedPage] = []
            pages.reserveCapacity(keys.count)
            for index in keys.indices { pages.append(parts[index % tasks][index / tasks]) }
            return pages
        }
    }

    /// The page of `key`.
    func renderPage(_ key: PageKey, model: SiteModel, posts: [UUID: Post], trees: [UUID: [Comment]]) -> RenderedPage {
        switch key {
        case .index(let n):
            return RenderedPage(key: key, bytes: n <= model.indexPageCount ? renderer.index(n, in: model) : nil)
        case .post(let slug):
            guard let summary = model.post(slug: slug), let post = posts[summary.id] else { return RenderedPage(key: key, bytes: nil) }
            let page = renderer.post(post, comments: trees[summary.id] ?? [], in: model)
            return RenderedPage(key: key, bytes: page.bytes, shownUsers: (summary.id, page.shownUsers))
        case .tag(let slug): return RenderedPage(key: key, bytes: renderer.tag(slug, in: model))
        case .author(let username): return RenderedPage(key: key, bytes: renderer.author(username, in: model))
        case .redirect(let slug): return RenderedPage(key: key, bytes: renderer.redirect(slug, in: model))
        case .feed: return RenderedPage(key: key, bytes: renderer.feed(model))
        case .sitemap: return RenderedPage(key: key, bytes: renderer.sitemap(model))
        case .notFound: return RenderedPage(key: key, bytes: renderer.notFound())
        case .stylesheet: return RenderedPage(key: key, bytes: renderer.stylesheet())
        }
    }
}
