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

    /// What the list meant before the byte path: split by Character, the count checked first,
    /// each item the Foundation way; `.failure` carries the 400's detail.
    static func reference(_ raw: String, limit: Int) -> Result<[UUID], HTTPProblem> {
        let parts = raw.split(separator: ",", omittingEmptySubsequences: true)
        guard parts.count <= limit else { return .failure(.badRequest("At most \(limit) ids per request.")) }
        var ids: [UUID] = []
        for part in parts {
            guard let id = UUID(uuidString: part.trimmingCharacters(in: .whitespaces)) else { return .failure(.badRequest("Every id must be a UUID.")) }
            if !ids.contains(id) { ids.append(id) }
        }
        return .success(ids)
    }

    @Test func theByteSplitAgreesWithTheCharacterSplit() throws {
        let a = UUID().lowercased, b = UUID().uuidString, c = UUID().lowercased
        let lists = [
            "", ",", ",,,", " ", " , ", "\(a)", "\(a),", ",\(a)", ",,\(a),,\(b),,", "\(a),\(b),\(c)", "\(a),\(b),\(c),\(a)",
            "\(a),\(b),\(c),\(UUID())", "\(a), ,\(b)", "\(a),x,\(b),\(c),\(UUID())", "\t\(a) ,  \(b)\t", "\(a)\u{0}", "\(a)\u{0}junk",
            // Not ASCII: a comma followed by a combining mark is one Character with it, not a separator.
            "\(a),\u{301}\(b)", "\(a),\u{301},\(b)", "\u{00A0}\(a),\(b)\u{2003}", "\(a),é", "\u{600},\(a)",
        ]
        for raw in lists {
            for limit in [1, 2, 3] {
                let parsed: Result<[UUID], HTTPProblem>
                do throws(HTTPProblem) { parsed = .success(try UUIDListParameter(name: "ids", limit: limit).parse(raw)) } catch { parsed = .failure(error) }
                switch (parsed, Self.reference(raw, limit: limit)) {
                case (.success(let got), .success(let expected)): #expect(got == expected, "\(raw.debugDescription) limit \(limit)")
                case (.failure(let got), .failure(let expected)): #expect(got.detail == expected.detail, "\(raw.debugDescription) limit \(limit)")
                default: Issue.record("\(raw.debugDescription) limit \(limit): \(parsed) vs \(Self.reference(raw, limit: limit))")
                }
            }
        }
    }
}
