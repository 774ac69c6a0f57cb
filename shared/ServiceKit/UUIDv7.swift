import Foundation

/// Time-ordered UUIDs (RFC 9562 version 7): ids sort by creation time, which keeps B-tree
/// inserts local and makes keyset pagination by id follow creation order.
///
/// Written here because Foundation on this toolchain has no UUIDv7 generator and no package
/// of the chosen set provides one; it is 48 bits of Unix milliseconds plus random bits.
public enum UUIDv7 {
    public static func generate(at date: Date = Date()) -> UUID {
        let millis = UInt64(max(0, date.timeIntervalSince1970 * 1000))
        var generator = SystemRandomNumberGenerator()
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        for i in 0..<6 { bytes[i] = UInt8(truncatingIfNeeded: millis >> (8 * (5 - UInt64(i)))) }
        bytes[6] = (bytes[6] & 0x0F) | 0x70  // version 7
        bytes[8] = (bytes[8] & 0x3F) | 0x80  // RFC 4122 variant
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}
