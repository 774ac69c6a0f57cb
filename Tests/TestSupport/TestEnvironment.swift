import Foundation

/// The real servers that `make test` (scripts/test.sh) starts on loopback, as environment variables.
///
/// A test that needs one calls the matching accessor; a missing variable fails that test with a
/// line naming it (run the suite through `make test`, or export the variables yourself).
public enum TestEnvironment {
    public struct Missing: Error, CustomStringConvertible {
        public let variable: String
        public var description: String { "\(variable) is not set: run the tests through `make test` (scripts/test.sh)" }
    }

    public static func value(_ name: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { throw Missing(variable: name) }
        return value
    }

    /// Superuser URL of the throw-away cluster, database `inkwell`.
    public static func postgresAdminURL() throws -> String { try value("INKWELL_TEST_PG_ADMIN_URL") }
    /// Login URLs of the service roles `users`, `blog`, `comments` (each owns the schema of its name).
    public static func databaseURL(role: String) throws -> String { try value("INKWELL_TEST_\(role.uppercased())_DATABASE_URL") }
    /// Directory with `initdb`, `pg_ctl`, `postgres` (for tests that need a cluster of their own).
    public static func postgresBinDir() throws -> String { try value("INKWELL_TEST_PG_BINDIR") }
    /// Bootstrap servers of the shared development broker.
    public static func kafkaBrokers() throws -> String { try value("INKWELL_TEST_KAFKA_BROKERS") }
    /// nginx with WebDAV (PUT, DELETE, MKCOL), e.g. `http://127.0.0.1:PORT/`.
    public static func webdavURL() throws -> String { try value("INKWELL_TEST_WEBDAV_URL") }
    /// The directory nginx serves at `webdavURL()`.
    public static func webdavRoot() throws -> String { try value("INKWELL_TEST_WEBDAV_ROOT") }
    /// The SMTP server (aiosmtpd) `smtp://127.0.0.1:PORT`, and the maildir it stores messages in.
    public static func smtpURL() throws -> String { try value("INKWELL_TEST_SMTP_URL") }
    public static func mailDir() throws -> String { try value("INKWELL_TEST_MAIL_DIR") }
    /// Where the built executables are (`inkwell-users`, `inkwell-devbroker`, ...).
    public static func binDir() throws -> String { try value("INKWELL_TEST_BIN_DIR") }

    /// A fresh scratch directory for one test, under the test run's work directory.
    public static func scratchDirectory(_ name: String) throws -> URL {
        let base = ProcessInfo.processInfo.environment["INKWELL_TEST_WORK_DIR"] ?? NSTemporaryDirectory()
        let url = URL(fileURLWithPath: base).appendingPathComponent("\(name)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
