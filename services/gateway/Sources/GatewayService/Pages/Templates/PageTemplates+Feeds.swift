extension PageTemplates {
    /// Atom 1.0 (RFC 4287): the newest posts.
    static let feed = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom">
        <title>{{siteName}}</title>
        <id>{{siteUrl}}/</id>
        <link rel="alternate" type="text/html" href="{{siteUrl}}/"/>
        <link rel="self" type="application/atom+xml" href="{{siteUrl}}/feed.xml"/>
        <updated>{{updated}}</updated>
        <generator>Inkwell</generator>
        {{#entries}}<entry>
        <title>{{title}}</title>
        <id>urn:uuid:{{id}}</id>
        <link rel="alternate" type="text/html" href="{{url}}"/>
        <published>{{published}}</published>
        <updated>{{published}}</updated>
        <author><name>{{authorName}}</name>{{#hasAuthorUrl}}<uri>{{authorUrl}}</uri>{{/hasAuthorUrl}}</author>
        {{#tags}}<category term="{{slug}}" label="{{name}}"/>
        {{/tags}}<summary>{{excerpt}}</summary>
        </entry>
        {{/entries}}</feed>

        """

    /// sitemaps.org 0.9.
    static let sitemap = """
        <?xml version="1.0" encoding="UTF-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
        {{#urls}}<url><loc>{{loc}}</loc>{{#hasLastmod}}<lastmod>{{lastmod}}</lastmod>{{/hasLastmod}}</url>
        {{/urls}}</urlset>

        """
}
