/// One file of the reading site, named by what it shows. Whether it is written or removed is
/// decided when it is rendered, from the current ``SiteModel``: a post slug no published post
/// has, a tag without posts, an author without published posts, an index page past the last or
/// an old slug that no longer redirects is removed. So a plan is just a set of keys, and
/// applying it twice changes nothing.
public enum PageKey: Hashable, Sendable, Comparable {
    /// `index.html` (1) or `page/{n}/index.html`.
    case index(Int)
    /// `posts/{slug}/index.html`.
    case post(slug: String)
    /// `tags/{slug}/index.html`.
    case tag(slug: String)
    /// `authors/{username}/index.html`.
    case author(username: String)
    /// `redirects/posts/{old slug}`: the current slug, for a 301.
    case redirect(oldSlug: String)
    case feed
    case sitemap
    case notFound
    case stylesheet
}
