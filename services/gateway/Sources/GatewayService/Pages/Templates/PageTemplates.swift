/// The reading site's templates (mustache) and stylesheet, as string constants rather than
/// package resources: they are compiled into the gateway binary, so `serve` and
/// `rebuild-pages` find them wherever the binary is installed (no resource bundle to deploy
/// beside it, no file lookup at start), and they are parsed once when the renderer is made.
///
/// Every user-supplied value is inserted with `{{...}}` (HTML-escaped, quotes included, so
/// attributes are safe too); the only unescaped insertions, `{{{...}}}`, are the blog's
/// sanitised post HTML, comment bodies made by ``CommentText`` and content rendered by these
/// templates themselves. Every key a template reads is set in every view (`false` or empty
/// when absent), so a nested section never picks up a value from an enclosing one.
enum PageTemplates {
    /// Template name → source.
    static var all: [String: String] {
        [
            "layout": layout, "list": list, "pagination": pagination, "index": index, "post": post, "comment": comment,
            "tag": tag, "author": author, "notFound": notFound, "feed": feed, "sitemap": sitemap,
        ]
    }
}
