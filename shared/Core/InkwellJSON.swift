import Foundation

/// Inkwell's JSON conventions, for the API and the events alike: camelCase keys, RFC 3339 UTC
/// timestamps with milliseconds and `Z` (`2026-11-21T10:00:00.123Z`), sorted keys (the same data
/// gives the same bytes).
///
/// One shared encoder and decoder: building a `JSONEncoder` per response showed in profiles, and
/// both are safe to share once configured (Foundation marks them Sendable; nothing mutates them).
public enum InkwellJSON {
    private static let dateStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)
    private static let wholeSecondsStyle = Date.ISO8601FormatStyle(timeZone: .gmt)

    /// `2026-11-21T10:00:00.123Z`.
    public static func format(_ date: Date) -> String { dateStyle.format(date) }

    /// Parses RFC 3339 with or without fractional seconds (Inkwell's own shapes without the
    /// format style: ``parseFast(_:)``).
    public static func parseDate(_ string: String) -> Date? {
        parseFast(string) ?? (try? dateStyle.parse(string)) ?? (try? wholeSecondsStyle.parse(string))
    }

    /// The shared encoder.
    public static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(format(date))
        }
        return encoder
    }()

    /// The encoder of HTTP responses: one pass, straight to bytes (``StreamingJSONEncoder``).
    public static let responseEncoder = StreamingJSONEncoder()

    /// The shared decoder.
    public static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let string = try container.decode(String.self)
            if let date = parseDate(string) { return date }
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected an RFC 3339 timestamp")
        }
        return decoder
    }()
}
