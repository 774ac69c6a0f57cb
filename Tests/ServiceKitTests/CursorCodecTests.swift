import Foundation
import InkwellServiceKit
import Testing

@Suite struct CursorCodecTests {
    struct Position: Codable, Sendable, Equatable {
        var publishedAt: Int64
        var id: UUID
    }

    let codec = CursorCodec(secret: "a test secret that is long enough!!")
    let position = Position(publishedAt: 1_763_719_200_123_456, id: UUID(uuidString: "0190f0e2-0000-7000-8000-0000000000ab")!)

    func isInvalid(_ cursor: String, codec: CursorCodec? = nil, purpose: String = "posts") -> Bool {
        do {
            _ = try (codec ?? self.codec).decode(cursor, as: Position.self, purpose: purpose)
            return false
        } catch {
            return error.status == .badRequest && error.slug == "invalid-cursor"
        }
    }

    @Test func roundTrip() throws {
        let cursor = try codec.encode(position, purpose: "posts")
        #expect(try codec.decode(cursor, as: Position.self, purpose: "posts") == position)
        // URL-safe as is.
        #expect(cursor.allSatisfy { $0.isLetter || $0.isNumber || "-_.".contains($0) })
    }

    @Test func everySingleByteModificationIs400() throws {
        let cursor = Array(try codec.encode(position, purpose: "posts").utf8)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ %".utf8)
        var tried = 0
        for index in cursor.indices {
            for byte in alphabet where byte != cursor[index] {
                var edited = cursor
                edited[index] = byte
                #expect(isInvalid(String(decoding: edited, as: UTF8.self)), "byte \(index) → \(UnicodeScalar(byte))")
                tried += 1
            }
            // Deleting or duplicating a byte too.
            var shorter = cursor
            shorter.remove(at: index)
            #expect(isInvalid(String(decoding: shorter, as: UTF8.self)))
            var longer = cursor
            longer.insert(cursor[index], at: index)
            #expect(isInvalid(String(decoding: longer, as: UTF8.self)))
        }
        #expect(tried > 1000)
    }

    @Test func wrongKeyOrPurposeIs400() throws {
        let cursor = try codec.encode(position, purpose: "posts")
        #expect(isInvalid(cursor, codec: CursorCodec(secret: "another secret that is long enough")))
        #expect(isInvalid(cursor, purpose: "comments"))
    }

    @Test func garbageAndOversizedAre400() throws {
        for garbage in ["", ".", "abc", "abc.def", "..", "a.b.c", "eyJ9.", ".AAAA", "💥.💥", String(repeating: "A", count: 43)] {
            #expect(isInvalid(garbage), "\(garbage)")
        }
        // A correctly signed but oversized cursor is refused before any decoding.
        struct Big: Codable { var filler: String }
        let big = try codec.encode(Big(filler: String(repeating: "x", count: CursorCodec.maxLength)), purpose: "posts")
        #expect(isInvalid(big))
        #expect(isInvalid(String(repeating: "A", count: 100_000)))
    }

    @Test func aSignedCursorOfAnotherShapeIs400() throws {
        struct Other: Codable { var page: Int }
        #expect(isInvalid(try codec.encode(Other(page: 2), purpose: "posts")))
    }

    @Test func secretFromConfiguration() throws {
        let unset = EnvironmentConfiguration(environment: [:])
        let development = CursorCodec(configuration: unset)
        #expect(unset.problems.isEmpty)
        let cursor = try development.encode(position, purpose: "posts")
        #expect(try CursorCodec(secret: CursorCodec.developmentSecret).decode(cursor, as: Position.self, purpose: "posts") == position)

        let set = EnvironmentConfiguration(environment: ["CURSOR_SECRET": "replica secret shared by every replica"])
        let configured = CursorCodec(configuration: set)
        #expect(set.problems.isEmpty)
        #expect(isInvalid(cursor, codec: configured))

        let short = EnvironmentConfiguration(environment: ["CURSOR_SECRET": "short"])
        _ = CursorCodec(configuration: short)
        #expect(short.problems.count == 1)
        #expect(short.problems.first?.contains("CURSOR_SECRET") == true)
    }
}
