/// The field rules of API.md "Comments": `body` is 1 to 5,000 characters counted in Unicode
/// scalars, plain text with line breaks kept: no control character but tab, LF and CR.
///
/// Checked on every write, by hand over the scalars (no `Regex`).
public enum CommentRules {
    public static let maxBodyScalars = 5_000
    public static let lengthMessage = "must be 1 to 5000 characters"
    public static let blankMessage = "must not be blank"
    public static let controlMessage = "must not contain control characters other than tabs and line breaks"

    /// Why `body` is not a valid comment body, or `nil` when it is.
    public static func bodyProblem(_ body: String) -> String? {
        var count = 0
        var blank = true
        for scalar in body.unicodeScalars {
            count += 1
            if count > maxBodyScalars { return lengthMessage }
            let value = scalar.value
            if value < 0x20 || (0x7F...0x9F).contains(value) {
                guard value == 0x09 || value == 0x0A || value == 0x0D else { return controlMessage }
            } else if blank && !scalar.properties.isWhitespace {
                blank = false
            }
        }
        if count == 0 { return lengthMessage }
        // Only spaces and line breaks is no comment at all.
        return blank ? blankMessage : nil
    }
}
