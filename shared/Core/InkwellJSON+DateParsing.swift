import Foundation

extension InkwellJSON {
    /// The seconds from 1970 to 2001 (Foundation's reference date).
    private static let referenceDateUnixSeconds: Int64 = 978_307_200

    /// ``parseDate(_:)`` for the two shapes Inkwell writes, `2026-11-21T10:00:00.123Z` and
    /// `2026-11-21T10:00:00Z`, in the years 1900-9999, with integer arithmetic; nil for anything
    /// else (the caller then asks the format style, which decides).
    ///
    /// Why: the format style's parse showed in the gateway's profile of composed reads (every
    /// summary, user and comment of an upstream answer carries a date). The date is built as the
    /// style builds it, whole seconds plus `Double(milliseconds) / 1000`, so both give the same
    /// `Date` (a test compares them over many dates); days of months that do not exist, leap
    /// seconds and other fraction lengths are left to the style.
    static func parseFast(_ string: String) -> Date? {
        let utf8 = string.utf8
        guard utf8.count == 20 || utf8.count == 24 else { return nil }
        return utf8.withContiguousStorageIfAvailable(parseFast(bytes:)) ?? nil
    }

    static func parseFast(bytes b: UnsafeBufferPointer<UInt8>) -> Date? {
        let count = b.count
        guard count == 20 || count == 24,
              b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[10] == UInt8(ascii: "T"),
              b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"), b[count - 1] == UInt8(ascii: "Z")
        else { return nil }
        func number(_ start: Int, _ length: Int) -> Int64? {
            var value: Int64 = 0
            for index in start..<(start + length) {
                let digit = b[index] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value * 10 + Int64(digit)
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
              (1900...9999).contains(year), (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
              hour < 24, minute < 60, second < 60
        else { return nil }
        var milliseconds: Int64 = 0
        if count == 24 {
            guard b[19] == UInt8(ascii: "."), let fraction = number(20, 3) else { return nil }
            milliseconds = fraction
        }
        let unix = days(year: year, month: month, day: day) * 86_400 + hour * 3_600 + minute * 60 + second
        let whole = Double(unix - referenceDateUnixSeconds)
        return Date(timeIntervalSinceReferenceDate: count == 24 ? whole + Double(milliseconds) / 1000 : whole)
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (the inverse of the formatter's
    /// `civil(fromDays:)`, the usual 400-year-era arithmetic).
    private static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
