import Foundation
import InkwellContracts
import Mustache

/// Renders the reading site's files from a ``SiteModel`` (and, for a post page, the post's
/// body and comment tree): pure and deterministic, the same inputs give the same bytes (lists
/// are ordered, no render time is written anywhere).
public struct PageRenderer: Sendable {
    public let site: SiteIdentity
    let library: MustacheLibrary

    public init(site: SiteIdentity) {
        self.site = site
        var library = MustacheLibrary()
        for (name, source) in PageTemplates.all {
            // The templates are constants of this module, parsed by its tests: a failure is a bug.
            do { try library.register(source, named: name) } catch { fatalError("template \(name) does not parse: \(error)") }
        }
        self.library = library
    }

    /// A rendered post page and the users it shows (author and commenters).
    public struct PostPage: Sendable {
        public var bytes: [UInt8]
        public var shownUsers: Set<UUID>
    }

    // MARK: Pages

    public func index(_ n: Int, in model: SiteModel) -> [UInt8] {
        let count = model.indexPageCount
        let items = model.indexPage(n).map { listItem($0, in: model, withCount: true) }
        let key = PageKey.index(n)
        var view: [String: Any] = [
            "heading": n == 1 ? "Latest posts" : "Posts, page \(n)", "items": items, "hasItems": !items.isEmpty,
            "hasPagination": count > 1, "pageNumber": n, "pageCount": count,
            "hasNewer": n > 1, "newerUrl": site.link(SitePaths.url(.index(n - 1))),
            "hasOlder": n < count, "olderUrl": site.link(SitePaths.url(.index(n + 1))),
        ]
        view["basePath"] = site.basePath
        let title = n == 1 ? site.name : "\(site.name), page \(n)"
        let description = n == 1 ? "The latest posts on \(site.name)." : "Posts on \(site.name), page \(n) of \(count)."
        return page(content: render("index", view), title: title, documentTitle: title, description: description, key: key, type: "website")
    }

    public func post(_ post: Post, comments: [Comment], in model: SiteModel) -> PostPage {
        var shown: Set<UUID> = [post.authorId]
        let author = model.users[post.authorId]
        let date = HumanDate(post.publishedAt ?? post.createdAt)
        let image = Self.safeImage(post.coverImageUrl)
        let commentViews = comments.map { commentView($0, in: model, shown: &shown) }
        let total = Self.countComments(comments)
        let view: [String: Any] = [
            "title": PageText.clean(post.title),
            "hasAuthor": author != nil, "authorName": PageText.clean(author?.displayName ?? ""),
            "authorUrl": author.map { site.link(SitePaths.url(.author(username: $0.username))) } ?? "",
            "date": date.text, "dateIso": date.iso,
            "tags": tagViews(post.tags), "hasTags": !post.tags.isEmpty,
            "hasImage": image != nil, "image": image ?? "",
            "bodyHtml": post.bodyHtml,
            "comments": commentViews, "hasComments": !commentViews.isEmpty,
            "commentHeading": total == 0 ? "Comments" : Self.plural(total, "comment", "comments"),
        ]
        let title = PageText.clean(post.title)
        let bytes = page(
            content: render("post", view), title: title, documentTitle: "\(title) · \(site.name)",
            description: PageText.clean(post.excerpt), key: .post(slug: post.slug), type: "article", image: image
        )
        return PostPage(bytes: bytes, shownUsers: shown)
    }

    public func tag(_ slug: String, in model: SiteModel) -> [UInt8]? {
        guard let tag = model.tag(slug: slug) else { return nil }
        let posts = model.posts(tag: slug)
        let name = PageText.clean(tag.name)
        let view: [String: Any] = [
            "name": name, "countText": Self.plural(posts.count, "post", "posts"),
            "items": posts.map { listItem($0, in: model, withCount: false) },
        ]
        return page(
            content: render("tag", view), title: "Posts tagged \(name)", documentTitle: "\(name) · \(site.name)",
            description: "\(Self.plural(posts.count, "post", "posts")) tagged \(name) on \(site.name).", key: .tag(slug: slug), type: "website"
        )
    }

    public func author(_ username: String, in model: SiteModel) -> [UInt8]? {
        guard let user = model.user(username: username) else { return nil }
        let posts = model.posts(author: user.id)
        guard !posts.isEmpty else { return nil }
        let name = PageText.clean(user.displayName), bio = PageText.clean(user.bio)
        let view: [String: Any] = [
            "displayName": name, "username": user.username, "bio": bio, "hasBio": !bio.isEmpty,
            "countText": Self.plural(posts.count, "post", "posts"),
            "items": posts.map { listItem($0, in: model, withCount: false) },
        ]
        return page(
            content: render("author", view), title: name, documentTitle: "\(name) · \(site.name)",
            description: bio.isEmpty ? "Posts by \(name) on \(site.name)." : bio, key: .author(username: username), type: "profile"
        )
    }

    /// The current slug, the whole content of an old slug's redirect file.
    public func redirect(_ oldSlug: String, in model: SiteModel) -> [UInt8]? {
        guard let id = model.redirects[oldSlug], let post = model.posts[id], post.slug != oldSlug else { return nil }
        return Array(post.slug.utf8)
    }

    public func notFound() -> [UInt8] {
        page(
            content: render("notFound", ["basePath": site.basePath]), title: "Page not found", documentTitle: "Page not found · \(site.name)",
            description: "There is nothing at this address.", key: .notFound, type: "website"
        )
    }

    public func feed(_ model: SiteModel) -> [UInt8] {
        let newest = model.ordered.prefix(SiteModel.feedSize)
        let entries: [[String: Any]] = newest.map { post in
            let author = model.users[post.authorId]
            return [
                "title": PageText.clean(post.title), "id": post.id.lowercased, "url": site.absolute(SitePaths.url(.post(slug: post.slug))),
                "published": HumanDate(post.publishedAt ?? .distantPast).iso,
                "authorName": PageText.clean(author?.displayName ?? "A former member"),
                "hasAuthorUrl": author != nil, "authorUrl": author.map { site.absolute(SitePaths.url(.author(username: $0.username))) } ?? "",
                "tags": post.tags.map { ["slug": PageText.clean($0.slug), "name": PageText.clean($0.name)] },
                "excerpt": PageText.clean(post.excerpt),
            ]
        }
        let updated = HumanDate(newest.first?.publishedAt ?? Date(timeIntervalSince1970: 0)).iso
        let view: [String: Any] = ["siteName": site.name, "siteUrl": site.baseURL, "updated": updated, "entries": entries]
        return Array(render("feed", view).utf8)
    }

    public func sitemap(_ model: SiteModel) -> [UInt8] {
        var urls: [[String: Any]] = []
        func add(_ key: PageKey, _ lastmod: Date?) {
            guard SitePaths.file(key) != nil else { return }
            urls.append(["loc": site.absolute(SitePaths.url(key)), "hasLastmod": lastmod != nil, "lastmod": lastmod.map { HumanDate($0).isoDay } ?? ""])
        }
        for n in 1...model.indexPageCount { add(.index(n), n == 1 ? model.ordered.first?.publishedAt : nil) }
        for post in model.ordered.sorted(by: { $0.slug < $1.slug }) { add(.post(slug: post.slug), post.publishedAt) }
        for tag in model.tags { add(.tag(slug: tag.slug), model.posts(tag: tag.slug).first?.publishedAt) }
        for author in model.authors { add(.author(username: author.username), model.posts(author: author.id).first?.publishedAt) }
        return Array(render("sitemap", ["urls": urls]).utf8)
    }

    public func stylesheet() -> [UInt8] { Array(PageTemplates.stylesheet.utf8) }

    // MARK: Parts

    func page(content: String, title: String, documentTitle: String, description: String, key: PageKey, type: String, image: String? = nil) -> [UInt8] {
        let view: [String: Any] = [
            "documentTitle": documentTitle, "title": title, "description": description, "siteName": site.name,
            "canonical": site.absolute(SitePaths.url(key)), "basePath": site.basePath, "ogType": type,
            "hasImage": image != nil, "image": image.map { $0.hasPrefix("/") ? site.absolute($0) : $0 } ?? "",
            "content": content,
        ]
        return Array(render("layout", view).utf8)
    }

    func render(_ template: String, _ view: [String: Any]) -> String {
        library.render(view, withTemplate: template) ?? ""
    }

    func listItem(_ post: PostSummary, in model: SiteModel, withCount: Bool) -> [String: Any] {
        let author = model.users[post.authorId]
        let date = HumanDate(post.publishedAt ?? .distantPast)
        let count = model.commentCounts[post.id] ?? 0
        let excerpt = PageText.clean(post.excerpt)
        return [
            "title": PageText.clean(post.title), "url": site.link(SitePaths.url(.post(slug: post.slug))),
            "hasAuthor": author != nil, "authorName": PageText.clean(author?.displayName ?? ""),
            "authorUrl": author.map { site.link(SitePaths.url(.author(username: $0.username))) } ?? "",
            "date": date.text, "dateIso": date.iso,
            "hasCount": withCount, "countText": count == 0 ? "No comments" : Self.plural(count, "comment", "comments"),
            "hasExcerpt": !excerpt.isEmpty, "excerpt": excerpt,
            "tags": tagViews(post.tags), "hasTags": !post.tags.isEmpty,
        ]
    }

    func tagViews(_ tags: [TagRef]) -> [[String: Any]] {
        tags.map { ["name": PageText.clean($0.name), "url": site.link(SitePaths.url(.tag(slug: $0.slug)))] }
    }

    func commentView(_ comment: Comment, in model: SiteModel, shown: inout Set<UUID>) -> [String: Any] {
        shown.insert(comment.authorId)
        let date = HumanDate(comment.createdAt)
        let replies = comment.replies.map { commentView($0, in: model, shown: &shown) }
        return [
            "id": comment.id.lowercased, "isDeleted": comment.deleted,
            "authorName": PageText.clean(model.users[comment.authorId]?.displayName ?? "A former member"),
            "date": date.text, "dateIso": date.iso, "isEdited": comment.editedAt != nil && !comment.deleted,
            "bodyHtml": comment.deleted ? "" : CommentText(PageText.clean(comment.body)).html,
            "replies": replies, "hasReplies": !replies.isEmpty,
        ]
    }

    static func countComments(_ comments: [Comment]) -> Int {
        comments.reduce(0) { $0 + ($1.deleted ? 0 : 1) + countComments($1.replies) }
    }

    static func plural(_ n: Int, _ one: String, _ many: String) -> String { n == 1 ? "1 \(one)" : "\(n) \(many)" }

    /// A cover image URL fit for `src`: a site path or an http(s) URL, nothing else (no `javascript:`).
    static func safeImage(_ url: String?) -> String? {
        guard let url, !url.isEmpty else { return nil }
        let lower = url.lowercased()
        if (url.hasPrefix("/") && !url.hasPrefix("//")) || lower.hasPrefix("https://") || lower.hasPrefix("http://") { return url }
        return nil
    }
}
