import Crypto
import Foundation

extension SHA256 {
    /// The digest of `bytes` as 64 lowercase hex digits (the format of stored migration checksums).
    static func lowercaseHex(of bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in hash(data: bytes) {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
