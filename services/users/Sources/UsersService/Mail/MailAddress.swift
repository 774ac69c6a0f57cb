import Foundation

/// A mailbox: an optional display name and an address, rendered safely into a header.
///
/// Display names are user text (a user's display name): CR, LF and other control characters are
/// dropped (no header injection), ASCII names are quoted with `"` and `\` escaped, and non-ASCII
/// names become RFC 2047 encoded words.
public struct MailAddress: Sendable, Equatable {
    public var name: String?
    public var address: String

    public init(name: String?, address: String) {
        self.name = name
        self.address = address
    }

    /// Parses `Name <addr@host>` or a bare `addr@host` (as `MAIL_FROM` is given); nil when the
    /// address has no `@` or contains whitespace, angle brackets or control characters.
    public init?(parsing raw: String) {
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        var name: String?
        var address = trimmed
        if trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") {
            address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            let rawName = trimmed[..<open].trimmingCharacters(in: .whitespaces)
            let unquoted = rawName.hasPrefix("\"") && rawName.hasSuffix("\"") && rawName.count >= 2 ? String(rawName.dropFirst().dropLast()) : rawName
            name = unquoted.isEmpty ? nil : unquoted
        }
        guard Self.isPlainAddress(address) else { return nil }
        self.init(name: name, address: address)
    }

    /// An address usable in the SMTP envelope and headers as it is.
    public static func isPlainAddress(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty && address.utf8.count <= 254 && isHeaderSafe(address)
    }

    /// Characters that would end or split an address in a header (`a>,<b@x` is two recipients).
    static let structural: Set<Unicode.Scalar> = ["<", ">", ",", "\"", "(", ")", "[", "]", ";", ":", "\\"]

    /// No whitespace, no control character, no character that structures a header field.
    public static func isHeaderSafe(_ address: String) -> Bool {
        address.unicodeScalars.allSatisfy { scalar in
            !scalar.properties.isWhitespace && scalar.value > 0x20 && !(0x7F...0x9F).contains(scalar.value) && !structural.contains(scalar)
        }
    }

    /// The header form: `"Name" <addr>`, `=?UTF-8?B?...?= <addr>` or `addr`. Throws for an
    /// address that is not plain: it is never written raw into a header (defence in depth, the
    /// API refuses such addresses already).
    public func header() throws(MailRenderingError) -> String {
        guard Self.isPlainAddress(address) else { throw .unsafeAddress }
        guard let name = name.map(MailHeader.sanitized), !name.isEmpty else { return address }
        return "\(MailHeader.phrase(name)) <\(address)>"
    }
}
