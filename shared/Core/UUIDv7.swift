import Foundation
import Synchronization

/// Time-ordered UUIDs (RFC 9562 version 7): ids sort by creation time, which keeps B-tree
/// inserts local and makes keyset pagination by id follow creation order.
///
/// Monotonic within a process (RFC 9562 §6.2, method 1): ids made in the same millisecond carry a
/// 12-bit counter in `rand_a` that grows, and a clock that steps back keeps the last timestamp, so
/// every id this process makes sorts after the one before. Written here because Foundation on
/// this toolchain has no UUIDv7 generator and no package of the chosen set provides one.
public final class UUIDv7: Sendable {
    private struct State {
        var millis: UInt64 = 0
        var counter: UInt16 = 0
    }
    private let state = Mutex(State())

    /// The process's generator (one per process is what makes ids monotonic).
    public static let shared = UUIDv7()

    public init() {}

    /// A new id from the shared generator.
    public static func generate(at date: Date = Date()) -> UUID { shared.next(at: date) }

    /// A new id, after every id this generator made before.
    public func next(at date: Date = Date()) -> UUID {
        let now = UInt64(max(0, date.timeIntervalSince1970 * 1000))
        var random = SecureRandom.bytes(16)
        let (millis, counter): (UInt64, UInt16) = state.withLock { state in
            if now > state.millis {
                state.millis = now
                // Start each millisecond at a random counter in the lower half: room to grow.
                state.counter = UInt16(random[6] & 0x07) << 8 | UInt16(random[7])
            } else if state.counter < 0x0FFF {
                state.counter += 1
            } else {
                // 4,096 ids in one millisecond: borrow the next one.
                state.millis += 1
                state.counter = 0
            }
            return (state.millis, state.counter)
        }
        for i in 0..<6 { random[i] = UInt8(truncatingIfNeeded: millis >> (8 * (5 - UInt64(i)))) }
        random[6] = 0x70 | UInt8(counter >> 8)  // version 7, counter's high bits
        random[7] = UInt8(truncatingIfNeeded: counter)
        random[8] = (random[8] & 0x3F) | 0x80  // RFC 9562 variant
        return UUID(uuid: (random[0], random[1], random[2], random[3], random[4], random[5], random[6], random[7],
                           random[8], random[9], random[10], random[11], random[12], random[13], random[14], random[15]))
    }
}
