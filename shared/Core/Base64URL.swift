import Foundation

/// Unpadded base64url (RFC 4648 §5): JOSE headers and keys, opaque tokens, cursors.
/// (jwt-kit keeps its own helpers package-internal.)
public enum Base64URL {
    /// Encodes without padding.
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        // Standard base64, then its two differing characters swapped and the padding dropped, on bytes.
        var encoded = Array(Data(bytes).base64EncodedData())
        while encoded.last == UInt8(ascii: "=") { encoded.removeLast() }
        for index in encoded.indices {
            if encoded[index] == UInt8(ascii: "+") { encoded[index] = UInt8(ascii: "-") } else if encoded[index] == UInt8(ascii: "/") { encoded[index] = UInt8(ascii: "_") }
        }
        return String(decoding: encoded, as: UTF8.self)
    }

    /// Decodes strictly: only the base64url alphabet, no padding, no whitespace.
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        let valid = text.utf8.allSatisfy { byte in
            (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }
        // A length of 1 modulo 4 cannot come from any byte string.
        guard valid, text.utf8.count % 4 != 1 else { return nil }
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        standard += String(repeating: "=", count: (4 - standard.utf8.count % 4) % 4)
        return Data(base64Encoded: standard).map { [UInt8]($0) }
    }
}
