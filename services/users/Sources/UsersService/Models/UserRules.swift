import Foundation

/// The field rules of API.md's users section; each returns a message for an invalid value.
///
/// Lengths are counted in Unicode scalars (not grapheme clusters: one letter with 300,000
/// combining marks is one `Character` but 300,001 scalars), and no field holds a control
/// character, except tabs and line breaks in the bio. The checks run on every request, so they
/// are written over the scalars and UTF-8 bytes by hand (no `Regex`).
public enum UserRules {
    public static let usernameMessage = "must be 3 to 30 characters: letters, digits, '_' or '-', starting with a letter or digit"
    public static let controlMessage = "must not contain control characters"

    /// `^[a-z0-9][a-z0-9_-]{2,29}$` over the (already lower-cased) UTF-8 bytes.
    public static func isValidUsername(_ username: some StringProtocol) -> Bool {
        let utf8 = username.utf8
        guard (3...30).contains(utf8.count) else { return false }
        var first = true
        for byte in utf8 {
            let alphanumeric = (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            if first {
                guard alphanumeric else { return false }
                first = false
            } else {
                guard alphanumeric || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") else { return false }
            }
        }
        return true
    }

    public static func usernameProblem(_ username: String) -> String? {
        isValidUsername(username) ? nil : usernameMessage
    }

    public static func emailProblem(_ email: String) -> String? {
        if email.utf8.count > 254 { return "must be at most 254 characters" }
        if !MailAddress.isHeaderSafe(email) { return "must be a single address without spaces, control characters or any of < > , \" ( ) [ ] ; : \\" }
        return isPlausibleAddress(email) ? nil : "must be a valid email address"
    }

    /// `local@domain.tld`: one `@`, a non-empty local part, and a domain of at least two
    /// non-empty labels (the old `^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$`, by hand).
    static func isPlausibleAddress(_ email: String) -> Bool {
        var localLength = 0
        var seenAt = false
        var labels = 0
        var labelLength = 0
        for scalar in email.unicodeScalars {
            if scalar.properties.isWhitespace { return false }
            if scalar == "@" {
                guard !seenAt, localLength > 0 else { return false }
                seenAt = true
            } else if !seenAt {
                localLength += 1
            } else if scalar == "." {
                guard labelLength > 0 else { return false }
                labels += 1
                labelLength = 0
            } else {
                labelLength += 1
            }
        }
        return seenAt && labelLength > 0 && labels >= 1
    }

    public static func passwordProblem(_ password: String) -> String? {
        if containsControl(password, allowingLineBreaks: false) { return controlMessage }
        // Counted as hashed: the NFC form's scalars.
        return (10...128).contains(password.precomposedStringWithCanonicalMapping.unicodeScalars.count) ? nil : "must be 10 to 128 characters"
    }

    public static func displayNameProblem(_ name: String) -> String? {
        if containsControl(name, allowingLineBreaks: false) { return controlMessage }
        return (1...60).contains(name.unicodeScalars.count) ? nil : "must be 1 to 60 characters"
    }

    public static func bioProblem(_ bio: String) -> String? {
        if containsControl(bio, allowingLineBreaks: true) { return controlMessage }
        return bio.unicodeScalars.count <= 500 ? nil : "must be at most 500 characters"
    }

    /// True when `text` holds a C0 or C1 control character or DEL (NUL included); with
    /// `allowingLineBreaks`, tab, LF and CR are allowed.
    public static func containsControl(_ text: String, allowingLineBreaks: Bool) -> Bool {
        text.unicodeScalars.contains { scalar in
            let value = scalar.value
            guard value < 0x20 || (0x7F...0x9F).contains(value) else { return false }
            return !(allowingLineBreaks && (value == 0x09 || value == 0x0A || value == 0x0D))
        }
    }
}
