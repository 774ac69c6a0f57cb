import Foundation
import InkwellCore
@testable import InkwellPostgres
import Testing

/// The array literals bound as parameters are byte for byte what the String-building writer
/// before them made (the UUID one is written straight into a buffer now; no database).
@Suite("Postgres array text (no database)")
struct PostgresArrayTextTests {
    /// The previous writer: every element quoted, `"` and `\` escaped, NULL bare.
    static func previousLiteral(_ elements: [String?]) -> String {
        var text = "{"
        for (index, element) in elements.enumerated() {
            if index > 0 { text += "," }
            if let element {
                text += "\""
                for character in element.unicodeScalars {
                    if character == "\"" || character == "\\" { text += "\\" }
                    text.unicodeScalars.append(character)
                }
                text += "\""
            } else {
                text += "NULL"
            }
        }
        return text + "}"
    }

    @Test(arguments: [0, 1, 2, 20, 100])
    func uuidArraysAreTheSameLiteral(count: Int) throws {
        let ids = (0..<count).map { _ in UUID() }
        let text = try #require(try ids.postgresText())
        #expect(Array(text.utf8) == Array(Self.previousLiteral(ids.map(\.lowercased)).utf8))
        #expect(try PostgresArrayLiteral.parse(text).map { $0.flatMap(UUID.init(uuidString:)) } == ids)
    }

    @Test func edgeUUIDsAndTheEmptyArray() throws {
        let zero = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
        let max = UUID(uuid: (255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255))
        #expect(try ([] as [UUID]).postgresText() == "{}")
        #expect(try [zero, max].postgresText()
            == #"{"00000000-0000-0000-0000-000000000000","ffffffff-ffff-ffff-ffff-ffffffffffff"}"#)
        // Optional elements keep the generic writer: NULL bare.
        #expect(try ([max, nil] as [UUID?]).postgresText() == #"{"ffffffff-ffff-ffff-ffff-ffffffffffff",NULL}"#)
    }

    @Test func otherElementTypesAreTheSameLiteral() throws {
        let strings: [String?] = ["a", "", "q\"x", "back\\slash", "é ü 日本 🎉", "NULL", nil, "{,}"]
        #expect(try strings.postgresText() == Self.previousLiteral(strings))
        #expect(try ([] as [String?]).postgresText() == Self.previousLiteral([]))
        #expect(try [1, -2, Int.max].postgresText() == Self.previousLiteral(["1", "-2", String(Int.max)]))
        #expect(try [true, false].postgresText() == Self.previousLiteral(["true", "false"]))
    }

    @Test func lowercasedIntoABufferMatchesTheString() {
        let id = UUID()
        let written = [UInt8](unsafeUninitializedCapacity: 40) { buffer, count in
            buffer.initialize(repeating: 0)
            id.writeLowercased(into: buffer)
            count = 40
        }
        #expect(Array(written.prefix(36)) == Array(id.uuidString.lowercased().utf8))
        #expect(written.suffix(4) == [0, 0, 0, 0])
        #expect(id.lowercased == id.uuidString.lowercased())
    }
}
