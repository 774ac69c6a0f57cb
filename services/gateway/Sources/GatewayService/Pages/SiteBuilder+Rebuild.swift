import Foundation
import InkwellFileSink
import NIOPosix

extension SiteBuilder {
    /// The list of page files the last rebuild wrote, kept in the sink so that the next one can
    /// remove what is stale on any sink (a WebDAV server cannot be listed).
    static let manifestPath = try! SinkPath("_inkwell/pages.txt")  // a constant valid path
    /// The folders whose files are all pages (media/ and everything else are left alone).
    static let pageFolders = ["posts", "tags", "authors", "page", "redirects"]

    /// The result of a rebuild.
    public struct Rebuild: Sendable {
        public var model: SiteModel
        public var outcome: Outcome
        /// Stale files removed.
        public var staleRemoved: Int
    }

    /// Renders every page from the services' current data and removes the page files that no
    /// longer belong to the site: those listed by the previous rebuild's manifest and, for a
    /// directory sink at `directoryRoot`, every file found in the page folders.
    public func rebuild(directoryRoot: String?, call: UpstreamCall) async throws -> Rebuild {
        var (model, posts) = try await load(call: call)
        let keys = Self.allKeys(of: model)
        let bodies = Dictionary(posts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        posts = []
        let outcome = try await render(keys, model: &model, bodies: bodies, call: call)
        let current = Set(keys.compactMap(SitePaths.file).map(\.string))

        var previous = Set<String>()
        if let manifest = try await sink.read(Self.manifestPath) {
            previous.formUnion(String(decoding: manifest, as: UTF8.self).split(separator: "\n").map(String.init))
        }
        if let directoryRoot { previous.formUnion(try await Self.listPageFiles(root: directoryRoot)) }
        var stale = 0
        for path in previous.subtracting(current).sorted() {
            guard let sinkPath = try? SinkPath(path), Self.isPageFile(sinkPath) else { continue }
            try await sink.delete(sinkPath)
            stale += 1
        }
        let manifest = current.sorted().joined(separator: "\n") + "\n"
        try await sink.write(Array(manifest.utf8), to: Self.manifestPath, contentType: "text/plain; charset=utf-8")
        metrics.removed.increment(by: stale)
        return Rebuild(model: model, outcome: outcome, staleRemoved: stale)
    }

    /// Whether `path` is a file this renderer owns (never media or anything else).
    static func isPageFile(_ path: SinkPath) -> Bool {
        if path.segments.count == 1 { return ["index.html", "feed.xml", "sitemap.xml", "404.html"].contains(path.name) }
        if path.segments == ["assets", "style.css"] { return true }
        return pageFolders.contains(path.segments[0])
    }

    /// The files below the page folders of the directory `root`, as sink paths (on the thread
    /// pool: directory walks block).
    static func listPageFiles(root: String) async throws -> [String] {
        try await NIOThreadPool.singleton.runIfActive {
            var found: [String] = []
            let manager = FileManager.default
            for folder in pageFolders {
                let base = root + "/" + folder
                guard let walker = manager.enumerator(atPath: base) else { continue }
                while let relative = walker.nextObject() as? String {
                    var isDirectory: ObjCBool = false
                    if manager.fileExists(atPath: base + "/" + relative, isDirectory: &isDirectory), !isDirectory.boolValue {
                        found.append(folder + "/" + relative)
                    }
                }
            }
            return found
        }
    }
}
