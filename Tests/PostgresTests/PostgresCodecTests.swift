import Foundation
import InkwellPostgres
import Testing

struct Profile: Codable, Sendable, Equatable {
    var displayName: String
    var links: [String]
    var age: Int?
}

@Suite("Encoding and decoding against PostgreSQL")
struct PostgresCodecTests {
    static let nastyText = "Grüße, Zoë 😀🇩🇪 'single' \"double\" back\\slash \\x00 {braces,comma} NULL\ttab\nnewline"

    @Test func everyTypeRoundTripsThroughATable() async throws {
        try await withClient { client in
            let table = uniqueName("codec")
            try await client.execute(
                """
                CREATE TABLE \(identifier: table) (
                    id uuid PRIMARY KEY, txt text, i2 int2, i4 int4, i8 int8, flag bool, f8 float8,
                    ts timestamptz, doc jsonb, tags text[], ids uuid[], nums int8[], data bytea
                )
                """)
            let id = UUID()
            let ts = Date(timeIntervalSinceReferenceDate: 770_000_000.654321)
            let profile = Profile(displayName: Self.nastyText, links: ["https://a.example/ü"], age: nil)
            let tags: [String?] = [Self.nastyText, nil, "", "NULL", "plain"]
            let ids = [UUID(), UUID()]
            let bytes: [UInt8] = [0, 1, 0x7f, 0x80, 0xff] + Array("\\x".utf8)
            let inserted = try await client.execute(
                """
                INSERT INTO \(identifier: table) (id, txt, i2, i4, i8, flag, f8, ts, doc, tags, ids, nums, data)
                VALUES (\(id), \(Self.nastyText), \(Int16(-32768)), \(Int32.max), \(Int.min), \(true), \(-1.5e-300),
                        \(ts), \(PostgresJSON(profile)), \(tags), \(ids), \([Int]()), \(bytes))
                """)
            #expect(inserted == 1)
            let nullID = UUID()
            let noText: String? = nil, noInt: Int? = nil, noDate: Date? = nil, noTags: [String]? = nil, noBytes: [UInt8]? = nil
            try await client.execute(
                "INSERT INTO \(identifier: table) (id, txt, i8, ts, tags, data) VALUES (\(nullID), \(noText), \(noInt), \(noDate), \(noTags), \(noBytes))")

            let row = try #require(try await client.query("SELECT * FROM \(identifier: table) WHERE id = \(id)").first)
            #expect(row.columns == ["id", "txt", "i2", "i4", "i8", "flag", "f8", "ts", "doc", "tags", "ids", "nums", "data"])
            #expect(try row.decode(column: "id", as: UUID.self) == id)
            #expect(try row.decode(column: "txt", as: String.self) == Self.nastyText)
            #expect(try row.decode(column: "i2", as: Int16.self) == -32768)
            #expect(try row.decode(column: "i4", as: Int32.self) == Int32.max)
            #expect(try row.decode(column: "i4", as: Int.self) == Int(Int32.max))
            #expect(try row.decode(column: "i8", as: Int.self) == Int.min)
            #expect(try row.decode(column: "i8", as: Int64.self) == Int64.min)
            #expect(try row.decode(column: "flag", as: Bool.self) == true)
            #expect(try row.decode(column: "f8", as: Double.self) == -1.5e-300)
            #expect(try row.decode(column: "ts", as: Date.self) == ts)
            #expect(try row.decode(column: "doc", as: PostgresJSON<Profile>.self).value == profile)
            #expect(try row.decode(column: "tags", as: [String?].self) == tags)
            #expect(try row.decode(column: "ids", as: [UUID].self) == ids)
            #expect(try row.decode(column: "nums", as: [Int].self) == [])
            #expect(try row.decode(column: "data", as: [UInt8].self) == bytes)
            #expect(try row.decode(at: 0, as: UUID.self) == id)
            // Raw jsonb as text and bytes.
            let raw = try row.decode(column: "doc", as: String.self)
            #expect(raw.contains("displayName"))
            #expect(try row.decode(column: "doc", as: [UInt8].self) == Array(raw.utf8))

            let nulls = try #require(try await client.query("SELECT * FROM \(identifier: table) WHERE id = \(nullID)").first)
            #expect(try nulls.decode(column: "txt", as: String?.self) == nil)
            #expect(try nulls.decode(column: "i8", as: Int?.self) == nil)
            #expect(try nulls.decode(column: "ts", as: Date?.self) == nil)
            #expect(try nulls.decode(column: "tags", as: [String]?.self) == nil)
            #expect(try nulls.decode(column: "data", as: [UInt8]?.self) == nil)
            #expect(try nulls.decode(column: "doc", as: PostgresJSON<Profile>?.self) == nil)

            // A NULL array element cannot become a non-optional String; the error names column and types.
            let error = try #require(await expectPostgresError { _ = try row.decode(column: "tags", as: [String].self) })
            #expect(error.kind == .decoding)
            #expect(error.column == "tags")
            #expect(error.message.contains("text[]") && error.message.contains("Array<String>"))
            let nullError = try #require(await expectPostgresError { _ = try nulls.decode(column: "txt", as: String.self) })
            #expect(nullError.kind == .decoding && nullError.message.contains("NULL"))
            let typeError = try #require(await expectPostgresError { _ = try row.decode(column: "txt", as: Int.self) })
            #expect(typeError.kind == .decoding && typeError.column == "txt" && typeError.message.contains("type text"))
            let missing = try #require(await expectPostgresError { _ = try row.decode(column: "nope", as: Int.self) })
            #expect(missing.kind == .decoding && missing.column == "nope")
        }
    }

    @Test func parametersRoundTripThroughSelect() async throws {
        try await withClient { client in
            let ts = Date(timeIntervalSince1970: 1_700_000_000.000001)
            let optionalText: String? = nil
            let row = try #require(try await client.query(
                """
                SELECT \(Self.nastyText)::text AS t, \(optionalText)::text AS n, \(ts) AS ts, \(ts)::text AS ts_text,
                       \(Double.infinity) AS inf, \(0.1) AS tenth, \(false) AS f, \([1, 2, 3]) AS nums,
                       \(["a,b", "{x}", " padded "]) AS words, length(\(Self.nastyText)::text) AS len
                """).first)
            #expect(try row.decode(column: "t", as: String.self) == Self.nastyText)
            #expect(try row.decode(column: "n", as: String?.self) == nil)
            #expect(try row.decode(column: "ts", as: Date.self) == ts)
            #expect(try row.decode(column: "ts_text", as: String.self) == "2023-11-14 22:13:20.000001+00")
            #expect(try row.decode(column: "inf", as: Double.self) == .infinity)
            #expect(try row.decode(column: "tenth", as: Double.self) == 0.1)
            #expect(try row.decode(column: "f", as: Bool.self) == false)
            #expect(try row.decode(column: "nums", as: [Int].self) == [1, 2, 3])
            #expect(try row.decode(column: "words", as: [String].self) == ["a,b", "{x}", " padded "])
            #expect(try row.decode(column: "len", as: Int.self) == Self.nastyText.unicodeScalars.count, "length() counts code points")
        }
    }

    @Test func sqlInjectionInABindStaysData() async throws {
        try await withClient { client in
            let table = uniqueName("inject")
            try await client.execute("CREATE TABLE \(identifier: table) (name text)")
            let attack = "x'); DROP TABLE \(table); --"
            try await client.execute("INSERT INTO \(identifier: table) (name) VALUES (\(attack))")
            let evil = "' OR '1'='1"
            #expect(try await client.query("SELECT name FROM \(identifier: table) WHERE name = \(evil)").isEmpty)
            let rows = try await client.query("SELECT name FROM \(identifier: table)")
            #expect(try rows.map { try $0.decode(column: "name", as: String.self) } == [attack])
        }
    }

    @Test func multipleStatementsInABoundQueryAreRejected() async throws {
        try await withClient { client in
            // The extended protocol runs exactly one statement: a smuggled second one is a syntax error.
            let error = try #require(await expectPostgresError { try await client.execute("SELECT 1; SELECT \(2)") })
            #expect(error.kind == .queryFailed)
            #expect(error.sqlState == "42601")
        }
    }
}
