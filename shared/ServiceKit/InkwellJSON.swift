import Foundation

/// The JSON conventions of the API: camelCase keys, RFC 3339 UTC timestamps with milliseconds and `Z`.
public enum InkwellJSON {
    /// RFC 3339 with milliseconds, UTC: `2026-11-21T10:00:00.123Z`.
    public static let dateStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)

    public static func format(_ date: Date) -> String { dateStyle.format(date) }

    public static func parseDate(_ string: String) -> Date? {
        if let date = try? dateStyle.parse(string) { return date }
        return try? Date.ISO8601FormatStyle(timeZone: .gmt).parse(string)
    }

    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(format(date))
        }
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }

    public static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let string = try container.decode(String.self)
            guard let date = parseDate(string) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected an RFC 3339 timestamp")
            }
            return date
        }
        return decoder
    }
}
