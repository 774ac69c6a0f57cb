#if canImport(Glibc)
import Glibc
#endif

/// Cryptographically secure random bytes from the operating system, in one call: a trace id and
/// a span id per request cost one `getrandom` system call, not one per byte (or per 8 bytes).
public enum SecureRandom {
    /// `count` random bytes.
    public static func bytes(_ count: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            fill(UnsafeMutableRawBufferPointer(buffer))
            initialized = count
        }
    }

    /// Fills `buffer` with random bytes.
    public static func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        #if canImport(Glibc)
        // glibc's arc4random_buf: the kernel's CSPRNG (getrandom), one call for the whole buffer.
        arc4random_buf(base, buffer.count)
        #else
        var generator = SystemRandomNumberGenerator()
        var offset = 0
        while offset < buffer.count {
            var word = generator.next()
            let n = min(8, buffer.count - offset)
            withUnsafeBytes(of: &word) { word in
                for i in 0..<n { buffer[offset + i] = word[i] }
            }
            offset += n
        }
        _ = base
        #endif
    }
}
