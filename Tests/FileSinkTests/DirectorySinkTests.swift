import Foundation
import InkwellFileSink
import NIOPosix
import TestSupport
import Testing

/// The directory sink in a scratch directory: atomic replacement, directories, idempotent
/// deletes, refused symbolic links and things in the way.
@Suite struct DirectorySinkTests {
    let root: URL
    let sink: DirectorySink

    init() throws {
        root = try TestEnvironment.scratchDirectory("directory-sink")
        sink = DirectorySink(root: root.path)
    }

    private func file(_ relative: String) -> String { root.appendingPathComponent(relative).path }
    private func contents(_ relative: String) -> [UInt8]? { FileManager.default.contents(atPath: file(relative)).map(Array.init) }
    private func listing(_ relative: String = "") throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: relative.isEmpty ? root.path : file(relative)).sorted()
    }

    @Test func writeCreatesNestedDirectoriesAndReadsBack() async throws {
        let path = try SinkPath("posts/my-slug/index.html")
        let bytes = Array("<h1>Hello</h1>\n".utf8)
        try await sink.write(bytes, to: path, contentType: "text/html")
        #expect(contents("posts/my-slug/index.html") == bytes)
        #expect(try await sink.read(path) == bytes)
        #expect(try listing("posts/my-slug") == ["index.html"])  // no temporary file left
    }

    @Test func writeCreatesAMissingRoot() async throws {
        let nested = root.appendingPathComponent("not/yet/there")
        let sink = DirectorySink(root: nested.path, syncFiles: false)
        try await sink.write(Array("x".utf8), to: try SinkPath("feed.xml"), contentType: "application/atom+xml")
        #expect(FileManager.default.contents(atPath: nested.appendingPathComponent("feed.xml").path) == Data("x".utf8))
    }

    @Test func emptyFileRoundTrips() async throws {
        let path = try SinkPath("empty.txt")
        try await sink.write([], to: path, contentType: "text/plain")
        #expect(try await sink.read(path) == [])
    }

    /// The new file is renamed over the old one: a reader that opened the old file still reads
    /// all of it, and the path shows all of the new one.
    @Test func overwriteReplacesTheFileAtomically() async throws {
        let path = try SinkPath("page/2/index.html")
        let old = [UInt8](repeating: UInt8(ascii: "o"), count: 200_000)
        let new = [UInt8](repeating: UInt8(ascii: "n"), count: 100)
        try await sink.write(old, to: path, contentType: "text/html")
        let reader = try #require(FileHandle(forReadingAtPath: file("page/2/index.html")))
        defer { try? reader.close() }
        try await sink.write(new, to: path, contentType: "text/html")
        #expect(try reader.readToEnd().map(Array.init) == old)
        #expect(try await sink.read(path) == new)
        #expect(try listing("page/2") == ["index.html"])
    }

    @Test func concurrentWritesOfOnePathEndWithOneCompleteFile() async throws {
        let path = try SinkPath("posts/race/index.html")
        let versions = (0..<16).map { i in [UInt8](repeating: UInt8(ascii: "a") + UInt8(i), count: 1_000 + i * 7_919) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for version in versions {
                group.addTask { try await sink.write(version, to: path, contentType: "text/html") }
            }
            // A reader alongside the writers sees nothing, or one whole version.
            group.addTask {
                for _ in 0..<50 {
                    if let seen = try await sink.read(path) {
                        #expect(versions.contains(seen), "a reader saw \(seen.count) bytes, not a whole version")
                    }
                }
            }
            try await group.waitForAll()
        }
        let final = try #require(try await sink.read(path))
        #expect(versions.contains(final))
        #expect(try listing("posts/race") == ["index.html"])
    }

    @Test func deleteRemovesTheFileAndIsIdempotent() async throws {
        let path = try SinkPath("tags/swift/index.html")
        try await sink.delete(path)  // nothing there yet, not even the directory
        try await sink.write(Array("t".utf8), to: path, contentType: "text/html")
        try await sink.delete(path)
        #expect(try await sink.read(path) == nil)
        #expect(!FileManager.default.fileExists(atPath: file("tags/swift/index.html")))
        try await sink.delete(path)
        #expect(try listing("tags/swift") == [])  // the directory stays
    }

    @Test func missingFilesReadAsNil() async throws {
        #expect(try await DirectorySink(root: root.appendingPathComponent("absent").path).read(try SinkPath("feed.xml")) == nil)
        try await DirectorySink(root: root.appendingPathComponent("absent").path).delete(try SinkPath("a/b"))
        #expect(try await sink.read(try SinkPath("no/such/file.html")) == nil)
        try await sink.write(Array("f".utf8), to: try SinkPath("feed.xml"), contentType: "application/atom+xml")
        #expect(try await sink.read(try SinkPath("feed.xml/inside")) == nil)  // a file where a directory would be
        try await sink.delete(try SinkPath("feed.xml/inside"))
    }

    @Test func symbolicLinkedDirectoryIsRefused() async throws {
        let outside = try TestEnvironment.scratchDirectory("directory-sink-outside")
        try Data("secret".utf8).write(to: outside.appendingPathComponent("index.html"))
        try FileManager.default.createSymbolicLink(atPath: file("posts"), withDestinationPath: outside.path)
        let path = try SinkPath("posts/index.html")

        await expectFailure(.symlinkRefused, .write) { try await sink.write(Array("evil".utf8), to: path, contentType: "text/html") }
        await expectFailure(.symlinkRefused, .read) { _ = try await sink.read(path) }
        await expectFailure(.symlinkRefused, .delete) { try await sink.delete(path) }
        // Deeper under the link too.
        await expectFailure(.symlinkRefused, .write) { try await sink.write([1], to: try SinkPath("posts/x/y.png"), contentType: "image/png") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path) == ["index.html"])
        #expect(FileManager.default.contents(atPath: outside.appendingPathComponent("index.html").path) == Data("secret".utf8))
    }

    @Test func symbolicLinkDeeperUnderTheRootIsRefused() async throws {
        let outside = try TestEnvironment.scratchDirectory("directory-sink-outside")
        try FileManager.default.createDirectory(atPath: file("media/2026"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: file("media/2026/up"), withDestinationPath: "../../..")
        try FileManager.default.createSymbolicLink(atPath: file("media/2026/out"), withDestinationPath: outside.path)
        await expectFailure(.symlinkRefused, .write) { try await sink.write([1], to: try SinkPath("media/2026/up/x.png"), contentType: "image/png") }
        await expectFailure(.symlinkRefused, .write) { try await sink.write([1], to: try SinkPath("media/2026/out/x.png"), contentType: "image/png") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path) == [])
    }

    /// A link as the file itself is never followed: reading it is refused, writing replaces the
    /// link (the target outside is untouched), deleting removes the link.
    @Test func symbolicLinkAsTheFileIsNeverFollowed() async throws {
        let outside = try TestEnvironment.scratchDirectory("directory-sink-outside")
        let secret = outside.appendingPathComponent("secret")
        try Data("secret".utf8).write(to: secret)
        try FileManager.default.createSymbolicLink(atPath: file("feed.xml"), withDestinationPath: secret.path)
        try FileManager.default.createSymbolicLink(atPath: file("sitemap.xml"), withDestinationPath: secret.path)
        await expectFailure(.symlinkRefused, .read) { _ = try await sink.read(try SinkPath("feed.xml")) }

        try await sink.write(Array("feed".utf8), to: try SinkPath("feed.xml"), contentType: "application/atom+xml")
        let type = try FileManager.default.attributesOfItem(atPath: file("feed.xml"))[.type] as? FileAttributeType
        #expect(type == .typeRegular)
        try await sink.delete(try SinkPath("sitemap.xml"))
        #expect(!FileManager.default.fileExists(atPath: file("sitemap.xml")))
        #expect(FileManager.default.contents(atPath: secret.path) == Data("secret".utf8))
    }

    @Test func directoryInTheWayIsNotARegularFile() async throws {
        try FileManager.default.createDirectory(atPath: file("posts/index.html"), withIntermediateDirectories: true)
        let path = try SinkPath("posts/index.html")
        await expectFailure(.notARegularFile, .write) { try await sink.write([1], to: path, contentType: "text/html") }
        await expectFailure(.notARegularFile, .read) { _ = try await sink.read(path) }
        await expectFailure(.notARegularFile, .delete) { try await sink.delete(path) }
        #expect(try listing("posts") == ["index.html"])  // the temporary file is cleaned up
    }

    @Test func fileInTheWayOfADirectoryIsNotARegularFile() async throws {
        try await sink.write(Array("f".utf8), to: try SinkPath("feed.xml"), contentType: "application/atom+xml")
        await expectFailure(.notARegularFile, .write) { try await sink.write([1], to: try SinkPath("feed.xml/x"), contentType: "text/plain") }
        #expect(contents("feed.xml") == Array("f".utf8))
    }

    /// Opening a FIFO for reading would block the thread until a writer came: it is refused at once.
    @Test func fifoIsNotARegularFileAndDoesNotBlock() async throws {
        #expect(mkfifo(file("pipe"), 0o644) == 0)
        await expectFailure(.notARegularFile, .read) { _ = try await sink.read(try SinkPath("pipe")) }
    }

    @Test func rootThatIsAFileIsAnIOError() async throws {
        try Data("not a directory".utf8).write(to: root.appendingPathComponent("plain"))
        let sink = DirectorySink(root: file("plain"))
        await expectFailure(.io(errno: ENOTDIR), .write) { try await sink.write([1], to: try SinkPath("x"), contentType: "text/plain") }
        await expectFailure(.io(errno: ENOTDIR), .read) { _ = try await sink.read(try SinkPath("x")) }
    }

    @Test func stoppedThreadPoolIsUnavailable() async throws {
        let pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        try await pool.shutdownGracefully()
        let sink = DirectorySink(root: root.path, threadPool: pool)
        await expectFailure(.unavailable, .write) { try await sink.write([1], to: try SinkPath("x"), contentType: "text/plain") }
        await expectFailure(.unavailable, .read) { _ = try await sink.read(try SinkPath("x")) }
    }
}
