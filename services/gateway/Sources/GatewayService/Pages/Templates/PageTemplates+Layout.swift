extension PageTemplates {
    /// The document around every HTML page: head with title, canonical link and Open Graph
    /// tags, the site header with its navigation, the content and the footer.
    static let layout = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{documentTitle}}</title>
        <meta name="description" content="{{description}}">
        <link rel="canonical" href="{{canonical}}">
        <link rel="stylesheet" href="{{basePath}}/assets/style.css">
        <link rel="alternate" type="application/atom+xml" title="{{siteName}}" href="{{basePath}}/feed.xml">
        <meta property="og:site_name" content="{{siteName}}">
        <meta property="og:type" content="{{ogType}}">
        <meta property="og:title" content="{{title}}">
        <meta property="og:description" content="{{description}}">
        <meta property="og:url" content="{{canonical}}">
        {{#hasImage}}<meta property="og:image" content="{{image}}">
        {{/hasImage}}</head>
        <body>
        <header class="site-header">
        <div class="wrap">
        <a class="site-name" href="{{basePath}}/">{{siteName}}</a>
        <nav aria-label="Site"><a href="{{basePath}}/">Latest posts</a><a href="{{basePath}}/feed.xml">Feed</a></nav>
        </div>
        </header>
        <main class="wrap">
        {{{content}}}
        </main>
        <footer class="site-footer">
        <div class="wrap"><a href="{{basePath}}/">{{siteName}}</a> · <a href="{{basePath}}/feed.xml">Atom feed</a> · <a href="{{basePath}}/sitemap.xml">Sitemap</a></div>
        </footer>
        </body>
        </html>

        """

    /// A list of post summaries (index, tag and author pages).
    static let list = """
        <ol class="post-list">
        {{#items}}<li class="post-item">
        <h2 class="post-item-title"><a href="{{url}}">{{title}}</a></h2>
        <p class="meta">{{#hasAuthor}}<a href="{{authorUrl}}">{{authorName}}</a> · {{/hasAuthor}}<time datetime="{{dateIso}}">{{date}}</time>{{#hasCount}} · <a href="{{url}}#comments">{{countText}}</a>{{/hasCount}}</p>
        {{#hasExcerpt}}<p class="excerpt">{{excerpt}}</p>
        {{/hasExcerpt}}{{#hasTags}}<ul class="tags">{{#tags}}<li><a href="{{url}}">{{name}}</a></li>{{/tags}}</ul>
        {{/hasTags}}</li>
        {{/items}}</ol>
        """

    /// Previous and next links of an index page.
    static let pagination = """
        {{#hasPagination}}<nav class="pagination" aria-label="Pages">
        {{#hasNewer}}<a class="newer" rel="prev" href="{{newerUrl}}">← Newer posts</a>{{/hasNewer}}
        <span class="page-number">Page {{pageNumber}} of {{pageCount}}</span>
        {{#hasOlder}}<a class="older" rel="next" href="{{olderUrl}}">Older posts →</a>{{/hasOlder}}
        </nav>{{/hasPagination}}
        """

    static let index = """
        <h1 class="page-title">{{heading}}</h1>
        {{#hasItems}}{{> list}}{{/hasItems}}{{^hasItems}}<p class="empty">Nothing has been published yet.</p>{{/hasItems}}
        {{> pagination}}
        """

    static let tag = """
        <h1 class="page-title">Posts tagged <span class="tag-name">{{name}}</span></h1>
        <p class="lede">{{countText}}</p>
        {{> list}}
        """

    static let author = """
        <header class="author-header">
        <h1 class="page-title">{{displayName}}</h1>
        <p class="handle">@{{username}}</p>
        {{#hasBio}}<p class="bio">{{bio}}</p>{{/hasBio}}
        </header>
        <h2 class="section-title">{{countText}}</h2>
        {{> list}}
        """

    static let notFound = """
        <h1 class="page-title">Page not found</h1>
        <p class="lede">There is nothing at this address: the post may have been unpublished, deleted or moved.</p>
        <p><a href="{{basePath}}/">Read the latest posts</a></p>
        """
}
