import Foundation
import InkwellCore

/// A comma-separated list of UUIDs in one query parameter, as the internal batch reads take them
/// (`?ids=a,b,c`, `?postIds=a,b`): at most ``limit``, in the order given, repeats dropped, white
/// space around each id ignored, empty items skipped. A missing list, a malformed id or too many
/// ids is 400 naming the parameter.
///
/// Why by hand: `trimmingCharacters(in:)` (through NSString) and `UUID(uuidString:)` (through
/// `sscanf`) were 17 % of the users service's CPU under the gateway's batch reads of 20 users.
/// The usual id (canonical, at most ASCII blanks around it) is read from its bytes; anything else
/// goes the Foundation way, so what is accepted does not change.
public struct UUIDListParameter: Sendable {
    /// The query parameter's name (`ids`).
    public let name: String
    /// What one id is, for the messages (`id`, `post id`).
    public let noun: String
    /// The most ids accepted.
    public let limit: Int

    public init(name: String, noun: String = "id", limit: Int = 100) {
        self.name = name
        self.noun = noun
        self.limit = limit
    }

    /// The distinct ids of `raw` (the parameter's value; nil when absent).
    public func parse(_ raw: String?) throws(HTTPProblem) -> [UUID] {
        guard var raw else { throw .badRequest("The query parameter \(name) is required.") }
        // On the bytes when the list is ASCII (every real one): splitting the String by Character
        // was most of this parse's cost. Not ASCII, a comma may be part of a larger grapheme
        // (a combining mark after it), so the Character split decides, as it always did.
        let outcome = raw.withUTF8 { Self.parseASCII($0, limit: limit) }
        switch outcome {
        case .ids(let ids): return ids
        case .tooMany: throw tooMany
        case .malformed: throw malformed
        case .notASCII: return try parseCharacters(raw)
        }
    }

    private var tooMany: HTTPProblem { .badRequest("At most \(limit) \(noun)s per request.") }
    private var malformed: HTTPProblem { .badRequest("Every \(noun) must be a UUID.") }

    /// What the byte path found; `notASCII` sends the list to ``parseCharacters(_:)``.
    private enum Outcome {
        case ids([UUID])
        case tooMany
        case malformed
        case notASCII
    }

    /// ``parse(_:)`` on the UTF-8 bytes of an ASCII list: the items split at every comma, empty
    /// ones skipped; the count is checked before any id is read, as the Character path does.
    private static func parseASCII(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int) -> Outcome {
        var count = 0
        var itemLength = 0
        for byte in bytes {
            if byte >= 0x80 { return .notASCII }
            if byte == UInt8(ascii: ",") {
                if itemLength > 0 { count += 1 }
                itemLength = 0
            } else {
                itemLength += 1
            }
        }
        if itemLength > 0 { count += 1 }
        guard count <= limit else { return .tooMany }
        var seen = Set<UUID>(minimumCapacity: count)
        var ids: [UUID] = []
        ids.reserveCapacity(count)
        var start = 0
        while start <= bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: ",") { end += 1 }
            if end > start {
                guard let id = uuid(UnsafeBufferPointer(rebasing: bytes[start..<end])) else { return .malformed }
                if seen.insert(id).inserted { ids.append(id) }
            }
            start = end + 1
        }
        return .ids(ids)
    }

    /// One item: canonical after ASCII blanks from its bytes, anything else the Foundation way.
    private static func uuid(_ item: UnsafeBufferPointer<UInt8>) -> UUID? {
        var lower = item.startIndex, upper = item.endIndex
        while lower < upper, item[lower] == 0x20 || item[lower] == 0x09 { lower += 1 }
        while upper > lower, item[upper - 1] == 0x20 || item[upper - 1] == 0x09 { upper -= 1 }
        if upper - lower == 36, let id = UUID(canonicalBytes: UnsafeBufferPointer(rebasing: item[lower..<upper])) { return id }
        return UUID(uuidString: String(decoding: item, as: UTF8.self).trimmingCharacters(in: .whitespaces))
    }

    /// The Character-based reading, for lists that are not ASCII.
    private func parseCharacters(_ raw: String) throws(HTTPProblem) -> [UUID] {
        let parts = raw.split(separator: ",", omittingEmptySubsequences: true)
        guard parts.count <= limit else { throw tooMany }
        var seen = Set<UUID>()
        var ids: [UUID] = []
        ids.reserveCapacity(parts.count)
        for part in parts {
            guard let id = Self.uuid(part) else { throw malformed }
            if seen.insert(id).inserted { ids.append(id) }
        }
        return ids
    }

    /// One item of a list that is not ASCII: by its bytes like the ASCII items when its storage
    /// is contiguous (a native string's always is).
    static func uuid(_ part: Substring) -> UUID? {
        part.utf8.withContiguousStorageIfAvailable { uuid($0) } ?? UUID(uuidString: part.trimmingCharacters(in: .whitespaces))
    }
}
