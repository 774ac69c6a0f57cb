extension PageTemplates {
    /// `assets/style.css`: one small stylesheet, system fonts, a readable measure, light and
    /// dark schemes.
    static let stylesheet = """
        :root{--text:#1f2328;--muted:#5d6570;--accent:#8a3b12;--rule:#e4e1da;--bg:#fdfcf9;--card:#f6f3ec;color-scheme:light dark}
        @media (prefers-color-scheme:dark){:root{--text:#e8e6e1;--muted:#a5a29b;--accent:#f0a470;--rule:#3a3835;--bg:#1a1917;--card:#242320}}
        *{box-sizing:border-box}
        html{font-size:112.5%;-webkit-text-size-adjust:100%}
        body{margin:0;background:var(--bg);color:var(--text);font:1rem/1.7 Charter,"Bitstream Charter","Sitka Text",Cambria,Georgia,serif}
        a{color:var(--accent);text-decoration-thickness:1px;text-underline-offset:.15em}
        a:hover{text-decoration-thickness:2px}
        .wrap{max-width:40rem;margin:0 auto;padding:0 1.25rem}
        .site-header{border-bottom:1px solid var(--rule);margin-bottom:2.5rem}
        .site-header .wrap{display:flex;align-items:baseline;justify-content:space-between;gap:1rem;padding-top:1.1rem;padding-bottom:1.1rem;flex-wrap:wrap}
        .site-name{font:700 1.35rem/1.2 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--text);text-decoration:none;letter-spacing:-.01em}
        nav a{font:.85rem system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin-left:1.1rem;color:var(--muted);text-decoration:none}
        nav a:hover{color:var(--accent)}
        h1,h2,h3,h4{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.25;letter-spacing:-.015em}
        .page-title,.post-title{font-size:2.1rem;margin:0 0 .4rem}
        .section-title{font-size:1.2rem;margin:2.5rem 0 1rem}
        .meta,.comment-meta,.handle,.lede,.page-number{font:.85rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--muted)}
        .meta a{color:inherit}
        .post-list{list-style:none;padding:0;margin:0}
        .post-item{padding:1.4rem 0;border-bottom:1px solid var(--rule)}
        .post-item-title{font-size:1.35rem;margin:0 0 .3rem}
        .post-item-title a{color:var(--text);text-decoration:none}
        .post-item-title a:hover{color:var(--accent)}
        .excerpt{margin:.5rem 0}
        .tags{list-style:none;padding:0;margin:.6rem 0 0;display:flex;flex-wrap:wrap;gap:.4rem}
        .tags a{display:inline-block;font:.75rem/1 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;padding:.35rem .6rem;border-radius:999px;background:var(--card);color:var(--muted);text-decoration:none}
        .tags a:hover{color:var(--accent)}
        .post-header{margin-bottom:2rem}
        .cover{width:100%;height:auto;border-radius:6px;margin-bottom:1.5rem}
        .post-body img{max-width:100%;height:auto}
        .post-body pre{background:var(--card);padding:1rem;overflow-x:auto;border-radius:6px;font-size:.85rem;line-height:1.5}
        .post-body code{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:.88em}
        .post-body blockquote{margin:1.5rem 0;padding-left:1rem;border-left:3px solid var(--rule);color:var(--muted)}
        .post-body table{border-collapse:collapse}
        .post-body td,.post-body th{border:1px solid var(--rule);padding:.3rem .6rem}
        .comments{border-top:1px solid var(--rule);margin-top:3rem}
        .thread{list-style:none;margin:0;padding:0}
        .thread .thread{margin-left:1.25rem;padding-left:1rem;border-left:2px solid var(--rule)}
        .comment article{padding:.7rem 0 .5rem}
        .comment-meta{margin:0 0 .2rem}
        .comment-body p{margin:0 0 .5rem}
        .comment-body p:last-child{margin-bottom:0}
        .comment-author{font-weight:600;color:var(--text)}
        .comment-meta a{color:inherit;text-decoration:none}
        .comment-body{font-size:.95rem;overflow-wrap:anywhere}
        .comment-body.deleted{color:var(--muted);font-style:italic;margin:0}
        .empty{color:var(--muted);font-style:italic}
        .pagination{display:flex;justify-content:space-between;align-items:baseline;margin:2rem 0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
        .pagination a{text-decoration:none}
        .author-header .handle{margin-top:0}
        .bio{font-size:1.05rem}
        .site-footer{border-top:1px solid var(--rule);margin-top:4rem;padding:1.5rem 0 2.5rem;font:.8rem system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--muted)}
        .site-footer a{color:inherit}

        """
}
