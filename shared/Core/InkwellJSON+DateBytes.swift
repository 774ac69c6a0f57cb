import Foundation

extension InkwellJSON {
    /// The seconds since 2001 of 1900-01-01 and 10000-01-01: the years ``appendFormatted(_:to:)``
    /// writes itself (Foundation's Gregorian calendar is Julian before 1582; far dates are rare).
    private static let fastRange: ClosedRange<Double> = -3_187_296_000...252_423_993_599
    private static let referenceDateUnixMilliseconds: Int64 = 978_307_200_000
    private static let millisecondsPerDay: Int64 = 86_400_000

    /// Appends ``format(_:)``'s text for `date` (without quotes) with integer arithmetic and
    /// returns `true`, or appends nothing and returns `false` when the caller must use
    /// ``format(_:)`` itself.
    ///
    /// Why: the format style builds calendar components and a `String` per date, which showed in
    /// the feed's profile (three dates per post). The style truncates to whole milliseconds; a
    /// time within 10 µs of a millisecond boundary (where the `Double` the date holds could fall
    /// on either side, depending on how one computes) is left to the style, so both always agree
    /// (a test compares them over many dates), except for exact whole seconds, which are exact.
    static func appendFormatted(_ date: Date, to bytes: inout [UInt8]) -> Bool {
        let seconds = date.timeIntervalSinceReferenceDate
        guard fastRange.contains(seconds) else { return false }
        let milliseconds = seconds * 1000
        let whole = milliseconds.rounded(.down)
        if seconds != seconds.rounded(.down) {
            let fraction = milliseconds - whole
            guard fraction > 0.01, fraction < 0.99 else { return false }
        }
        let unix = Int64(whole) + referenceDateUnixMilliseconds
        var days = unix / millisecondsPerDay
        var rest = unix - days * millisecondsPerDay
        if rest < 0 {
            days -= 1
            rest += millisecondsPerDay
        }
        let (year, month, day) = civil(fromDays: days)
        let millisecond = rest % 1000
        rest /= 1000
        let second = rest % 60
        rest /= 60
        append(year, digits: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        append(month, digits: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        append(day, digits: 2, to: &bytes)
        bytes.append(UInt8(ascii: "T"))
        append(rest / 60, digits: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        append(rest % 60, digits: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        append(second, digits: 2, to: &bytes)
        bytes.append(UInt8(ascii: "."))
        append(millisecond, digits: 3, to: &bytes)
        bytes.append(UInt8(ascii: "Z"))
        return true
    }

    /// `value` (non-negative, at most `digits` digits) zero-padded to `digits`.
    private static func append(_ value: Int64, digits: Int, to bytes: inout [UInt8]) {
        var divisor: Int64 = 1
        for _ in 1..<digits { divisor *= 10 }
        var value = value
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: value / divisor))
            value %= divisor
            divisor /= 10
        }
    }

    /// Days since 1970-01-01 to a proleptic Gregorian (year, month, day), by the usual 400-year-era arithmetic.
    private static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
