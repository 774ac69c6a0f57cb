import Foundation
import InkwellCore
import InkwellServiceKit
import Testing

/// `?ids=a,b,c` of the internal batch reads: what the byte path accepts, the Foundation path it
/// falls back to accepts the same way, and the 400s.
@Suite struct UUIDListParameterTests {
    let ids = UUIDListParameter(name: "ids", limit: 3)

    @Test func idsInOrderRepeatsDroppedBlanksAndEmptyItemsIgnored() throws {
        let a = UUID(), b = UUID()
        #expect(try ids.parse("\(a.lowercased),\(b.uuidString), \(a.uuidString)\t,,") == [a, b])
        #expect(try ids.parse("") == [])
        // Not canonical after the ASCII blanks: Foundation's reading, as before.
        #expect(try ids.parse("\u{00A0}\(a.lowercased)\u{2003}") == [a])
    }

    @Test func missingMalformedOrTooManyIs400NamingTheParameter() throws {
        let postIds = UUIDListParameter(name: "postIds", noun: "post id", limit: 2)
        for (raw, message) in [
            (nil, "The query parameter postIds is required."),
            ("x", "Every post id must be a UUID."),
            ("\(UUID().lowercased)x", "Every post id must be a UUID."),
            ((0..<3).map { _ in UUID().lowercased }.joined(separator: ","), "At most 2 post ids per request."),
        ] as [(String?, String)] {
            #expect(throws: HTTPProblem.self) { try postIds.parse(raw) }
            do {
                _ = try postIds.parse(raw)
            } catch {
                #expect(error.detail == message, "\(raw ?? "nil")")
            }
        }
    }

    @Test func theBytePathAgreesWithFoundationOnHostileItems() throws {
        let id = UUID().lowercased
        var items = [id, " \(id) ", "\t\(id)", id.uppercased(), String(id.dropLast()), id + "0", "{\(id)}", id.replacingOccurrences(of: "-", with: "")]
        for index in [0, 8, 9, 35] {
            var bytes = Array(id.utf8)
            bytes[index] = UInt8(ascii: "g")
            items.append(String(decoding: bytes, as: UTF8.self))
        }
        for item in items {
            let expected = UUID(uuidString: item.trimmingCharacters(in: .whitespaces))
            let parsed = try? UUIDListParameter(name: "ids").parse(item)
            #expect(parsed == expected.map { [$0] }, "\(item.debugDescription)")
        }
    }
}
