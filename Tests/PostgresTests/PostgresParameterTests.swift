import Foundation
import InkwellPostgres
import TestSupport
import Testing

@Suite("Parameters")
struct PostgresParameterTests {
    @Test func textWithANulCharacterIsRejectedNotTruncated() async throws {
        try await withClient { client in
            let password = "secret\0anything"
            let error = try #require(await expectPostgresError {
                _ = try await client.query("SELECT \(1) AS a, \(password)::text AS p")
            })
            #expect(error.kind == .invalidParameter)
            #expect(error.message.contains("$2"), "names the parameter: \(error.message)")
            #expect(!error.description.contains("anything"), "never echoes the value")
            // Also inside an array.
            let arrayError = try #require(await expectPostgresError {
                _ = try await client.query("SELECT \(["ok", "bad\0"])::text[] AS t")
            })
            #expect(arrayError.kind == .invalidParameter)
        }
    }

    @Test func byteaWithEmbeddedZerosRoundTrips() async throws {
        try await withClient { client in
            let bytes: [UInt8] = [0, 0, 1, 0, 255, 0, 0x5c, 0x78, 0]
            let row = try #require(try await client.query("SELECT \(bytes)::bytea AS b, octet_length(\(bytes)::bytea) AS n").first)
            #expect(try row.decode(column: "b", as: [UInt8].self) == bytes)
            #expect(try row.decode(column: "n", as: Int.self) == bytes.count)
            let empty: [UInt8] = []
            #expect(try await client.query("SELECT \(empty)::bytea AS b").first?.decode(column: "b", as: [UInt8].self) == [])
            let none: [UInt8]? = nil
            #expect(try await client.query("SELECT \(none)::bytea IS NULL AS n").first?.decode(column: "n", as: Bool.self) == true)
            let all = (0..<4096).map { UInt8(truncatingIfNeeded: $0) }
            #expect(try await client.query("SELECT \(all) AS b").first?.decode(column: "b", as: [UInt8].self) == all)
        }
    }

    @Test func longTextRoundTripsExactly() async throws {
        try await withClient { client in
            let unit = "ünïcødé 🦉 \"quoted\" \\ back\nline\t"
            let long = String(repeating: unit, count: 40_000) + "end"
            let row = try #require(try await client.query("SELECT \(long)::text AS t, length(\(long)::text) AS n").first)
            #expect(try row.decode(column: "t", as: String.self) == long)
            #expect(try row.decode(column: "n", as: Int.self) == long.unicodeScalars.count)
        }
    }
}
