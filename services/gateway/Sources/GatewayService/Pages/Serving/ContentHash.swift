/// The strong entity tag of a file's bytes: FNV-1a (64 bits) over the bytes, in hex, with the
/// length. Computed once per cached file version (about 20 µs for a 20 KB page), it changes with
/// the content, not with the time a renderer happened to rewrite identical bytes.
enum ContentHash {
    static func entityTag<Bytes: Sequence>(of bytes: Bytes, count: Int) -> String where Bytes.Element == UInt8 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        let digits = String(hash, radix: 16)
        return "\"" + String(repeating: "0", count: 16 - digits.count) + digits + "-" + String(count, radix: 16) + "\""
    }
}
