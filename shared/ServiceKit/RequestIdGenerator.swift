import InkwellCore
import Synchronization

/// New request ids: 128 random bits as 32 lower-case hex digits, the same ids as one
/// `getrandom` per request gave, from a block of random bytes drawn ``blockSize`` at a time.
///
/// Why a block and not a per-process prefix and a counter: an id stays unrelated to every other
/// (it shows neither how many requests a process served nor which process served them), and it
/// costs one system call per 256 requests instead of one per request (a profile showed the
/// call, with the kernel's CSPRNG setup, on every request). The bytes are only ever used as ids,
/// never as secrets. The lock is held to take 16 bytes, or to refill the block with one
/// non-blocking `getrandom`: no await, no I/O that waits.
public final class RequestIdGenerator: Sendable {
    /// Bytes drawn from the operating system at a time: 256 ids.
    public static let blockSize = 4096

    private struct Block {
        var bytes = [UInt8](repeating: 0, count: RequestIdGenerator.blockSize)
        /// The first byte not yet used; at the end, the block is refilled.
        var next = RequestIdGenerator.blockSize
    }

    private let block = Mutex(Block())

    public init() {}

    /// A new id, e.g. `4bf92f3577b34da6a3ce929d0e0e4736`.
    public func next() -> String {
        let (high, low) = block.withLock { block -> (UInt64, UInt64) in
            if block.next + 16 > block.bytes.count {
                block.bytes.withUnsafeMutableBytes { SecureRandom.fill($0) }
                block.next = 0
            }
            let offset = block.next
            block.next += 16
            return block.bytes.withUnsafeBytes {
                ($0.loadUnaligned(fromByteOffset: offset, as: UInt64.self), $0.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
            }
        }
        return String(unsafeUninitializedCapacity: 32) { out in
            Self.write(high, to: out, at: 0)
            Self.write(low, to: out, at: 16)
            return 32
        }
    }

    /// `value`'s 16 hex digits, most significant first, at `out[offset...]`.
    private static func write(_ value: UInt64, to out: UnsafeMutableBufferPointer<UInt8>, at offset: Int) {
        for i in 0..<16 {
            let nibble = UInt8(truncatingIfNeeded: value >> (60 - 4 * UInt64(i))) & 0x0F
            out[offset + i] = nibble < 10 ? UInt8(ascii: "0") &+ nibble : UInt8(ascii: "a") &+ (nibble &- 10)
        }
    }
}
