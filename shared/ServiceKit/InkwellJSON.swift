import Foundation
import InkwellEvents

/// The JSON conventions of the API: camelCase keys, RFC 3339 UTC timestamps with milliseconds and
/// `Z` — the same as the events' (``EventJSON``), so a timestamp reads alike everywhere.
public enum InkwellJSON {
    /// `2026-11-21T10:00:00.123Z`.
    public static func format(_ date: Date) -> String { EventJSON.format(date) }

    public static func parseDate(_ string: String) -> Date? { EventJSON.parseDate(string) }

    /// Sorted keys: the same data gives the same bytes.
    public static var encoder: JSONEncoder { EventJSON.encoder }

    public static var decoder: JSONDecoder { EventJSON.decoder }
}
