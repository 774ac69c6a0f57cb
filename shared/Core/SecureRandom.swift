/// Cryptographically secure random bytes from the system generator (`getrandom` on Linux).
///
/// Eight bytes per generator call, so a 16-byte trace id costs two calls rather than sixteen.
public enum SecureRandom {
    /// `count` random bytes.
    public static func bytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        var bytes = [UInt8](repeating: 0, count: count)
        bytes.withUnsafeMutableBytes { fill($0, using: &generator) }
        return bytes
    }

    /// Fills `buffer` with random bytes.
    public static func fill(_ buffer: UnsafeMutableRawBufferPointer, using generator: inout SystemRandomNumberGenerator) {
        var offset = 0
        while offset < buffer.count {
            var word = generator.next()
            let n = min(8, buffer.count - offset)
            withUnsafeBytes(of: &word) { word in
                for i in 0..<n { buffer[offset + i] = word[i] }
            }
            offset += n
        }
    }
}
