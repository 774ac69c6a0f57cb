extension PageTemplates {
    /// A post and its comment thread.
    static let post = """
        <article class="post">
        <header class="post-header">
        <h1 class="post-title">{{title}}</h1>
        <p class="meta">{{#hasAuthor}}By <a href="{{authorUrl}}" rel="author">{{authorName}}</a>{{/hasAuthor}}{{^hasAuthor}}By a former member{{/hasAuthor}} · <time datetime="{{dateIso}}">{{date}}</time></p>
        {{#hasTags}}<ul class="tags">{{#tags}}<li><a href="{{url}}" rel="tag">{{name}}</a></li>{{/tags}}</ul>
        {{/hasTags}}</header>
        {{#hasImage}}<img class="cover" src="{{image}}" alt="">
        {{/hasImage}}<div class="post-body">
        {{{bodyHtml}}}
        </div>
        </article>
        <section class="comments" id="comments">
        <h2 class="section-title">{{commentHeading}}</h2>
        {{#hasComments}}<ol class="thread">
        {{#comments}}{{> comment}}{{/comments}}</ol>{{/hasComments}}{{^hasComments}}<p class="empty">No comments yet.</p>{{/hasComments}}
        </section>
        """

    /// One comment and, nested, its replies (the partial includes itself).
    static let comment = """
        <li class="comment" id="comment-{{id}}">
        <article>
        <p class="comment-meta">{{#isDeleted}}<span class="comment-author">[deleted]</span>{{/isDeleted}}{{^isDeleted}}<span class="comment-author">{{authorName}}</span>{{/isDeleted}} · <a href="#comment-{{id}}"><time datetime="{{dateIso}}">{{date}}</time></a>{{#isEdited}} · edited{{/isEdited}}</p>
        {{#isDeleted}}<p class="comment-body deleted">This comment was deleted.</p>{{/isDeleted}}{{^isDeleted}}<div class="comment-body">{{{bodyHtml}}}</div>{{/isDeleted}}
        </article>
        {{#hasReplies}}<ol class="thread">
        {{#replies}}{{> comment}}{{/replies}}</ol>
        {{/hasReplies}}</li>

        """
}
