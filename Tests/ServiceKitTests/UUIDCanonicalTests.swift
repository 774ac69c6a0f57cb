import Foundation
import InkwellCore
import Testing

/// ``UUID/init(canonical:)`` over random and hostile strings: it accepts exactly the canonical
/// form, and whatever it accepts Foundation's `UUID(uuidString:)` reads as the same UUID.
/// Foundation's is laxer (on Linux its `sscanf` stops at a non-hex character and yields some
/// UUID for `0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5g`), which is why callers that must keep its
/// behaviour fall back to it: `UUID(canonical: s) ?? UUID(uuidString: s)`.
@Suite struct UUIDCanonicalTests {
    /// The canonical form, spelled out.
    static func isCanonical(_ string: String) -> Bool {
        let bytes = Array(string.utf8)
        guard bytes.count == 36 else { return false }
        return bytes.enumerated().allSatisfy { index, byte in
            [8, 13, 18, 23].contains(index) ? byte == UInt8(ascii: "-") : Array("0123456789abcdefABCDEF".utf8).contains(byte)
        }
    }

    func agree(_ string: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let parsed = UUID(canonical: string)
        #expect((parsed != nil) == Self.isCanonical(string), "\(string.debugDescription)", sourceLocation: sourceLocation)
        if let parsed { #expect(parsed == UUID(uuidString: string), "\(string.debugDescription)", sourceLocation: sourceLocation) }
        if UUID(uuidString: string) == nil { #expect(parsed == nil, sourceLocation: sourceLocation) }
        #expect((UUID(canonical: string) ?? UUID(uuidString: string)) == UUID(uuidString: string), sourceLocation: sourceLocation)
    }

    @Test func randomUUIDsInBothCasesParse() {
        for _ in 0..<5_000 {
            let uuid = UUID()
            #expect(UUID(canonical: uuid.uuidString) == uuid)
            #expect(UUID(canonical: uuid.uuidString.lowercased()) == uuid)
            agree(String(uuid.uuidString.map { Bool.random() ? Character($0.lowercased()) : $0 }))
        }
        agree("00000000-0000-0000-0000-000000000000")
        agree("ffffffff-ffff-ffff-ffff-ffffffffffff")
        agree("FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF")
    }

    @Test func lowercasedIsFoundationsStringInLowerCase() {
        for _ in 0..<5_000 {
            let uuid = UUID()
            #expect(uuid.lowercased == uuid.uuidString.lowercased())
        }
        for uuid in [UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)), UUID(uuid: (255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255))] {
            #expect(uuid.lowercased == uuid.uuidString.lowercased())
        }
    }

    @Test func hostileStringsAgreeWithFoundation() {
        let base = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"
        var cases = [
            "", "-", base.uppercased(), String(base.dropLast()), base + "0", " " + base, base + " ", "{" + base + "}",
            base.replacingOccurrences(of: "-", with: ""), base.replacingOccurrences(of: "-", with: "_"),
            "0190a1b2c-3d4-7e5f-8a9b-0c1d2e3f4a5b", "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5g", "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5ü",
            "+190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", "0x90a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", "0190a1b2-+3d4-7e5f-8a9b-0c1d2e3f4a5b",
            "0190a1b2-c3d4-7e5f-8a9b- c1d2e3f4a5b", "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5", "𝟘190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
            "0190a1b2-c3d4-7e5f-8a9b\u{0}0c1d2e3f4a5b",
        ]
        // Every single-byte substitution at every position, with the bytes that fool lazy parsers.
        for position in 0..<36 {
            for replacement in ["g", "G", "-", " ", "x", "/", ":", "@", "`", "{", "é", "0", "F"] {
                var characters = Array(base)
                characters[position] = Character(replacement)
                cases.append(String(characters))
            }
        }
        for _ in 0..<3_000 {
            let length = Int.random(in: 30...40)
            let alphabet = Array("0123456789abcdefABCDEF-xg ")
            cases.append(String((0..<length).map { _ in alphabet.randomElement()! }))
            var characters = Array(base)
            characters[Int.random(in: 0..<36)] = alphabet.randomElement()!
            cases.append(String(characters))
        }
        for string in cases { agree(string) }
    }

    /// The one known difference: Foundation reads a C string and stops at an embedded NUL.
    @Test func anEmbeddedNULAfterAValidUUIDIsNotOne() {
        let string = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b\u{0}junk"
        #expect(UUID(canonical: string) == nil)
    }
}
