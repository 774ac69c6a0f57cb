import BlogService
import Foundation
import InkwellFileSink
import Testing

/// `MEDIA_SINK` in BlogConfiguration: its forms, its default and a bad value.
@Suite struct MediaSinkConfigurationTests {
    static let base = [
        "DATABASE_URL": "postgres://blog:secret@127.0.0.1:5432/inkwell", "JWKS_URL": "http://127.0.0.1:8081/.well-known/jwks.json",
        "KAFKA_BROKERS": "127.0.0.1:9092",
    ]

    @Test func defaultsToThePagesDirectoryOfTheWorkingDirectory() throws {
        let configuration = try BlogConfiguration(environment: Self.base)
        #expect(configuration.mediaSink == .directory(FileManager.default.currentDirectoryPath + "/pages"))
    }

    @Test func takesADirectoryOrAWebDAVURL() throws {
        #expect(try BlogConfiguration(environment: Self.base.merging(["MEDIA_SINK": "file:///srv/inkwell/pages"]) { $1 }).mediaSink == .directory("/srv/inkwell/pages"))
        #expect(try BlogConfiguration(environment: Self.base.merging(["MEDIA_SINK": "http://files:8090/site"]) { $1 }).mediaSink == .webDAV("http://files:8090/site/"))
    }

    @Test(arguments: ["s3://bucket/media", "/srv/pages", "file://relative/dir", "http://user:hunter2@/x"])
    func aBadValueNamesTheVariable(_ value: String) {
        do {
            _ = try BlogConfiguration(environment: Self.base.merging(["MEDIA_SINK": value]) { $1 })
            Issue.record("\(value) was accepted")
        } catch {
            let message = "\(error)"
            #expect(message.contains("MEDIA_SINK"), "\(message)")
            #expect(!message.contains("hunter2"), "credentials are not shown: \(message)")
        }
    }
}
