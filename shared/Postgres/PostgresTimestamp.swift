import Foundation

/// Converts between `Date` and PostgreSQL's ISO text form (`2024-05-06 07:08:09.123456+00`)
/// with integer arithmetic, because Foundation's formatters stop at milliseconds.
///
/// Both directions go through whole microseconds since the Unix epoch, computed from
/// `timeIntervalSinceReferenceDate` (the value `Date` actually stores), so a `Date` decoded here
/// encodes back to the same text and vice versa.
enum PostgresTimestamp {
    private static let referenceDateUnixMicros: Int64 = 978_307_200 * 1_000_000
    private static let microsPerDay: Int64 = 86_400 * 1_000_000

    static func format(_ date: Date) throws -> String {
        let interval = date.timeIntervalSinceReferenceDate
        guard interval.isFinite, abs(interval) < 200_000_000_000 else {
            throw PostgresDecodingFailure("date \(interval) is out of the supported range")
        }
        let micros = Int64((interval * 1_000_000).rounded()) + referenceDateUnixMicros
        let days = floorDiv(micros, microsPerDay)
        var rest = micros - days * microsPerDay
        let (year, month, day) = civil(fromDays: days)
        guard year >= 1 else { throw PostgresDecodingFailure("dates before year 1 are not supported") }
        let hour = rest / 3_600_000_000; rest -= hour * 3_600_000_000
        let minute = rest / 60_000_000; rest -= minute * 60_000_000
        let second = rest / 1_000_000; rest -= second * 1_000_000
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2)) \(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2)).\(pad(rest, 6))+00"
    }

    static func parse(_ text: String) throws -> Date {
        switch text {
        case "infinity": return .distantFuture
        case "-infinity": return .distantPast
        default: break
        }
        var utf8 = text
        return try utf8.withUTF8 { try parse($0, text: text) }
    }

    /// Parses the bytes in place (no copy into an array per timestamp).
    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>, text: String) throws -> Date {
        var scanner = Scanner(bytes)
        func fail() -> PostgresDecodingFailure { PostgresDecodingFailure("'\(text.prefix(40))' is not an ISO timestamp") }
        guard let year = scanner.number(minDigits: 4, maxDigits: 7), scanner.skip("-"),
            let month = scanner.number(minDigits: 2, maxDigits: 2), scanner.skip("-"),
            let day = scanner.number(minDigits: 2, maxDigits: 2),
            (1...12).contains(month), (1...31).contains(day)
        else { throw fail() }
        var micros: Int64 = 0
        if scanner.skip(" ") || scanner.skip("T") {
            guard let hour = scanner.number(minDigits: 2, maxDigits: 2), scanner.skip(":"),
                let minute = scanner.number(minDigits: 2, maxDigits: 2), scanner.skip(":"),
                let second = scanner.number(minDigits: 2, maxDigits: 2)
            else { throw fail() }
            micros = ((hour * 60 + minute) * 60 + second) * 1_000_000
            if scanner.skip(".") {
                let start = scanner.position
                guard let fraction = scanner.number(minDigits: 1, maxDigits: 6) else { throw fail() }
                var scaled = fraction
                for _ in 0..<(6 - (scanner.position - start)) { scaled *= 10 }
                micros += scaled
            }
            if scanner.peek == UInt8(ascii: "+") || scanner.peek == UInt8(ascii: "-") {
                let sign: Int64 = scanner.peek == UInt8(ascii: "+") ? 1 : -1
                scanner.position += 1
                guard let offsetHours = scanner.number(minDigits: 2, maxDigits: 2) else { throw fail() }
                var offsetSeconds = offsetHours * 3600
                if scanner.skip(":"), let offsetMinutes = scanner.number(minDigits: 2, maxDigits: 2) {
                    offsetSeconds += offsetMinutes * 60
                    if scanner.skip(":"), let s = scanner.number(minDigits: 2, maxDigits: 2) { offsetSeconds += s }
                }
                // Local time = UTC + offset, so UTC = local - offset.
                micros -= sign * offsetSeconds * 1_000_000
            }
        }
        guard scanner.isAtEnd else { throw fail() }  // e.g. " BC"
        let unixMicros = days(fromCivil: year, month, day) * microsPerDay + micros
        return Date(timeIntervalSinceReferenceDate: Double(unixMicros - referenceDateUnixMicros) / 1_000_000)
    }

    // Civil-calendar conversions (proleptic Gregorian), by the usual 400-year-era arithmetic.
    static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = floorDiv(y, 400)
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = floorDiv(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// A cursor over ASCII bytes.
    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0
        init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }
        var isAtEnd: Bool { position == bytes.count }
        var peek: UInt8? { position < bytes.count ? bytes[position] : nil }
        mutating func skip(_ character: Unicode.Scalar) -> Bool {
            guard peek == UInt8(ascii: character) else { return false }
            position += 1
            return true
        }
        mutating func number(minDigits: Int, maxDigits: Int) -> Int64? {
            var value: Int64 = 0
            var count = 0
            while count < maxDigits, let byte = peek, byte >= 48, byte <= 57 {
                value = value * 10 + Int64(byte - 48)
                position += 1
                count += 1
            }
            return count >= minDigits ? value : nil
        }
    }
}
