/// User text made fit for HTML and XML before it is escaped: the C0 control characters other
/// than tab, line feed and carriage return, DEL and the noncharacters U+FFFE/U+FFFF are
/// dropped (XML 1.0 forbids them even as references, and HTML validators flag them).
enum PageText {
    static func clean(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isForbidden) else { return text }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.lazy.filter { !isForbidden($0) })
        return String(scalars)
    }

    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: false
        case 0..<0x20, 0x7F, 0xFFFE, 0xFFFF: true
        default: false
        }
    }
}
