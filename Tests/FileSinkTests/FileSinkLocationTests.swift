import InkwellFileSink
import InkwellHTTPClient
import Logging
import Testing

/// Parsing `PAGES_SINK` / `MEDIA_SINK` values, without I/O.
@Suite struct FileSinkLocationTests {
    @Test(arguments: [
        ("file:///var/lib/inkwell/pages", "/var/lib/inkwell/pages"),
        ("file:///var/lib/inkwell/pages/", "/var/lib/inkwell/pages"),
        ("FILE:///srv/pages", "/srv/pages"),
        ("file://localhost/srv/pages", "/srv/pages"),
        ("file:///srv/my%20pages", "/srv/my pages"),
        ("file:////srv//pages", "/srv/pages"),
    ])
    func parsesDirectories(_ value: String, _ root: String) throws {
        #expect(try FileSinkLocation(parsing: value) == .directory(root))
    }

    @Test(arguments: [
        ("http://127.0.0.1:8080/pages/", "http://127.0.0.1:8080/pages/"),
        ("http://127.0.0.1:8080/pages", "http://127.0.0.1:8080/pages/"),
        ("http://files.local", "http://files.local/"),
        ("HTTPS://files.example.com/dav/media/", "https://files.example.com/dav/media/"),
        ("https://user:secret@files.example.com/dav", "https://user:secret@files.example.com/dav/"),
        ("http://[::1]:8080/x/", "http://[::1]:8080/x/"),
    ])
    func parsesWebDAVURLs(_ value: String, _ url: String) throws {
        #expect(try FileSinkLocation(parsing: value) == .webDAV(url))
    }

    @Test(arguments: [
        ("", "empty"),
        ("/var/pages", "write file:///var/pages"),
        ("pages", "not a URL"),
        ("file://pages", "absolute"),
        ("file:pages", "absolute"),
        ("file:/var/pages", "absolute"),
        ("file://server/share", "absolute"),
        ("file:///", "root directory"),
        ("file:///srv/../etc", ". or .."),
        ("file:///srv/%2e%2e/etc", ". or .."),
        ("file:///srv/pages?x=1", "query"),
        ("file:///srv/%zz", "percent-encoding"),
        ("file:///srv/%00x", "percent-encoding"),
        ("s3://bucket/pages/", "unsupported scheme \"s3\""),
        ("ftp://files/pages/", "unsupported scheme \"ftp\""),
        ("javascript:alert(1)", "unsupported scheme"),
        ("http:", "needs a host"),
        ("http://", "needs a host"),
        ("http:///pages/", "needs a host"),
        ("http://:8080/pages/", "needs a host"),
        ("http://host/pages/?q=1", "query"),
        ("http://host/pages/#top", "fragment"),
        (" http://host/pages/", "space"),
        ("http://host/pages/\n", "control character"),
    ])
    func refusesWithAClearReason(_ value: String, _ expected: String) {
        do throws(FileSinkLocationError) {
            let location = try FileSinkLocation(parsing: value)
            Issue.record("parsed \(value.debugDescription) as \(location)")
        } catch {
            #expect(error.description.contains(expected), "\(error)")
            #expect(error.description.contains("expected file:///absolute/dir or http(s)://host:port/prefix/"))
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func credentialsNeverShowInDescriptions() throws {
        let location = try FileSinkLocation(parsing: "https://user:secret@files.example.com/dav/")
        #expect(location.description == "https://***@files.example.com/dav/")
        do throws(FileSinkLocationError) {
            _ = try FileSinkLocation(parsing: "https://user:secret@files.example.com/dav/?q")
            Issue.record("parsed a URL with a query")
        } catch {
            #expect(!error.description.contains("secret"), "\(error)")
            #expect(error.value == "https://***@files.example.com/dav/?q")
        }
        #expect(FileSinkLocation.directory("/srv/pages").description == "file:///srv/pages")
    }

    @Test func makesTheMatchingSink() async throws {
        let logger = Logger(label: "inkwell.test.file-sink")
        let client = HTTPClient(logger: logger)
        let directory = try FileSinkLocation(parsing: "file:///srv/pages").makeSink(httpClient: client, logger: logger)
        #expect((directory as? DirectorySink)?.root == "/srv/pages")
        let webDAV = try FileSinkLocation(parsing: "http://127.0.0.1:1/pages").makeSink(httpClient: client, logger: logger)
        #expect((webDAV as? WebDAVSink)?.baseURL == "http://127.0.0.1:1/pages/")
        await client.shutdown()
    }
}
