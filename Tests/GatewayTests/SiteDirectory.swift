import Foundation

/// A temporary directory sink with a small site in the pages layout, for the serving tests.
/// Removed by ``remove()``; the files are written with an atomic rename, as renderers do.
struct SiteDirectory {
    let root: String

    init() throws {
        root = NSTemporaryDirectory() + "inkwell-site-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try write("index.html", "<!DOCTYPE html><title>Index</title><p>First page</p>")
        try write("page/2/index.html", "<!DOCTYPE html><title>Page 2</title>")
        try write("posts/hello-world/index.html", "<!DOCTYPE html><title>Hello</title><p>Hello, world</p>")
        try write("tags/swift/index.html", "<!DOCTYPE html><title>Tag swift</title>")
        try write("authors/grace/index.html", "<!DOCTYPE html><title>Grace</title>")
        try write("feed.xml", "<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"></feed>")
        try write("sitemap.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"></urlset>")
        try write("404.html", "<!DOCTYPE html><title>Not here</title><p>The site's own 404 page</p>")
        try write("assets/style.css", "body { margin: 0 }")
        try write("media/ab12.png", "\u{89}PNG fake")
        try write("redirects/posts/old-hello", "hello-world\n")
        try write("redirects/posts/loop", "loop")
        try write("redirects/posts/bad-target", "../../etc/passwd")
    }

    func write(_ path: String, _ text: String) throws {
        let url = URL(fileURLWithPath: root + "/" + path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url, options: .atomic)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: root)
    }
}
