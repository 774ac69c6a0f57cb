@testable import InkwellPostgres
import Testing

/// The text form of arrays as the server writes it, and what is not one (no database).
@Suite("PostgresArrayLiteral (no database)")
struct PostgresArrayLiteralTests {
    @Test func plainAndQuotedElements() throws {
        #expect(try PostgresArrayLiteral.parse("{a,bc,d}") == ["a", "bc", "d"])
        #expect(try PostgresArrayLiteral.parse(#"{"a b","",x}"#) == ["a b", "", "x"])
        #expect(try PostgresArrayLiteral.parse(#"{"é ü",日本}"#) == ["é ü", "日本"])
        #expect(try PostgresArrayLiteral.parse("{}") == [])
    }

    @Test func escapesAreUndone() throws {
        #expect(try PostgresArrayLiteral.parse(#"{"q\"x","back\\slash","\a"}"#) == ["q\"x", "back\\slash", "a"])
        // Unquoted escapes, an escaped separator among them; a lone backslash at the very end stays.
        #expect(try PostgresArrayLiteral.parse(#"{a\,b,c\\d,e\}"#) == ["a,b", "c\\d", "e\\"])
    }

    @Test func nullOnlyUnquoted() throws {
        #expect(try PostgresArrayLiteral.parse(#"{NULL,null,"NULL",NULLS,\NULL}"#) == [nil, nil, "NULL", "NULLS", nil])
    }

    @Test(arguments: [
        "", "a,b", "{a", "[1:2]={a,b}", #"{"a}"#, #"{"a\}"#, "{a,}", "{{a}}", #"{"a"b}"#,
    ])
    func malformedLiteralsThrow(_ text: String) {
        #expect(throws: PostgresDecodingFailure.self) { try PostgresArrayLiteral.parse(text) }
    }

    @Test func stringArraysRefuseNullElements() throws {
        let strings = try [String].decode(from: PostgresValue(text: #"{a,"b c"}"#, type: .textArray))
        #expect(strings == ["a", "b c"])
        #expect(throws: PostgresDecodingFailure.self) { try [String].decode(from: PostgresValue(text: "{a,NULL}", type: .textArray)) }
        #expect(try [String?].decode(from: PostgresValue(text: "{a,NULL}", type: .textArray)) == ["a", nil])
        #expect(throws: PostgresDecodingFailure.self) { try [String].decode(from: PostgresValue(text: nil, type: .textArray)) }
    }
}
