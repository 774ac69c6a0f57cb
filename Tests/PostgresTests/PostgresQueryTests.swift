import Foundation
@testable import InkwellPostgres
import Testing

@Suite("PostgresQuery (no database)")
struct PostgresQueryTests {
    @Test func interpolationBindsValuesAsPlaceholders() throws {
        let name = "alice'; DROP TABLE users; --"
        let date = Date(timeIntervalSince1970: 0)
        let missing: String? = nil
        let q: PostgresQuery = "SELECT id, username FROM users WHERE username = \(name) AND created_at > \(date) AND bio = \(missing)"
        #expect(q.sql == "SELECT id, username FROM users WHERE username = $1 AND created_at > $2 AND bio = $3")
        #expect(q.binds.count == 3)
        #expect(try q.binds[0].postgresText() == name)
        #expect(try q.binds[2].postgresText() == nil)
        #expect(!q.description.contains("alice"))
    }

    @Test func identifiersAreQuoted() {
        let schema = "we\"ird schema"
        let q: PostgresQuery = "CREATE TABLE \(identifier: schema).t (id int)"
        #expect(q.sql == "CREATE TABLE \"we\"\"ird schema\".t (id int)")
        #expect(q.binds.isEmpty)
    }

    @Test func concatenationRenumbersPlaceholders() throws {
        var q: PostgresQuery = "SELECT * FROM t WHERE a = \(1) AND b = \(2)"
        q += " AND c = \(3) AND d = '$1' AND \"$2\" = \(4)"
        #expect(q.sql == "SELECT * FROM t WHERE a = $1 AND b = $2 AND c = $3 AND d = '$1' AND \"$2\" = $4")
        #expect(q.binds.count == 4)
        let joined: PostgresQuery = "SELECT \(10)" + " , \(20) -- $1 stays\n, $$ $1 $$, \(30)"
        #expect(joined.sql == "SELECT $1 , $2 -- $1 stays\n, $$ $1 $$, $3")
        let filter: PostgresQuery = "x = \(5)"
        let nested: PostgresQuery = "SELECT \(1) WHERE \(filter)"
        #expect(nested.sql == "SELECT $1 WHERE x = $2")
        #expect(try nested.binds.map { try $0.postgresText() } == ["1", "5"])
    }

    @Test func arrayAndByteaTextForms() throws {
        #expect(try ["a", "b c", "q\"x", "back\\slash"].postgresText() == #"{"a","b c","q\"x","back\\slash"}"#)
        #expect(try ([] as [String]).postgresText() == "{}")
        #expect(try (["x", nil] as [String?]).postgresText() == #"{"x",NULL}"#)
        #expect(try ([0x00, 0xff, 0x10] as [UInt8]).postgresText() == #"\x00ff10"#)
        #expect([UInt8].postgresDataType == .bytea)
        #expect([UUID].postgresDataType == .uuidArray)
        #expect(try PostgresArrayLiteral.parse(#"{a,"b c",NULL,"NULL","q\"x"}"#) == ["a", "b c", nil, "NULL", "q\"x"])
        #expect(try PostgresArrayLiteral.parse("{}") == [])
    }

    @Test func timestampsKeepMicroseconds() throws {
        let date = Date(timeIntervalSinceReferenceDate: 760_000_000.123456)
        let text = try #require(try date.postgresText())
        #expect(text == "2025-01-31 07:06:40.123456+00")
        #expect(try PostgresTimestamp.parse(text) == date)
        #expect(try PostgresTimestamp.parse("1970-01-01 00:00:00+00") == Date(timeIntervalSince1970: 0))
        #expect(try PostgresTimestamp.parse("1970-01-01 02:00:00.5+02") == Date(timeIntervalSince1970: 0.5))
        #expect(try PostgresTimestamp.parse("1969-12-31 23:59:59.999999+00") == Date(timeIntervalSinceReferenceDate: -978_307_200.000001))
        #expect(throws: PostgresDecodingFailure.self) { try PostgresTimestamp.parse("0044-03-15 00:00:00+00 BC") }
    }

    @Test func checksumsAreLowercaseHexSHA256() {
        // Known vectors: checksums stored by earlier releases must stay the same values.
        func checksum(_ sql: String) -> String { Migration(version: 1, name: "m", sql: sql).checksum }
        #expect(checksum("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(checksum("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(checksum(String(repeating: "a", count: 1000)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }
}

@Suite("PostgresConfiguration (no database)")
struct PostgresConfigurationTests {
    @Test func parsesAFullURL() throws {
        let config = try PostgresConfiguration(url: "postgres://us%40er:p%3Ass%20w@db.example:6543/my%20db?sslmode=disable&target_session_attrs=read-write")
        #expect(config.user == "us@er")
        #expect(config.host == "db.example")
        #expect(config.port == 6543)
        #expect(config.database == "my db")
        let parameters = Dictionary(config.connectionParameters.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
        #expect(parameters["password"] == "p:ss w")
        #expect(parameters["sslmode"] == "disable")
        #expect(parameters["application_name"] == "inkwell")
        #expect(parameters["connect_timeout"] == "5")
        #expect(parameters["options"]?.contains("TimeZone=UTC") == true)
        #expect(!config.redactedConnectionInfo.contains("p:ss w"))
    }

    @Test func parsesIPv6AndDefaults() throws {
        let config = try PostgresConfiguration(url: "postgresql://[::1]:5433/inkwell", poolSize: 2, connectTimeout: .milliseconds(1500))
        #expect(config.host == "::1")
        #expect(config.port == 5433)
        #expect(config.user == nil)
        let parameters = Dictionary(config.connectionParameters.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
        #expect(parameters["connect_timeout"] == "2")
    }

    @Test(arguments: [
        "mysql://u@h/db", "postgres://u@h:notaport/db", "postgres://u@h:70000/db", "postgres://u@[::1/db",
        "postgres://u@h/db?nonsense_option=1", "postgres://u@h/db?sslmode", "postgres://u%zz@h/db",
    ])
    func rejectsInvalidURLs(url: String) {
        #expect {
            try PostgresConfiguration(url: url)
        } throws: { error in
            (error as? PostgresError)?.kind == .invalidConfiguration
        }
    }

    @Test func rejectsABadPoolSize() {
        #expect(throws: PostgresError.self) { try PostgresConfiguration(url: "postgres://h/db", poolSize: 0) }
    }
}
