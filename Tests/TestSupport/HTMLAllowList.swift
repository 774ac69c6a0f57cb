/// A small scanner for the HTML `MarkdownRenderer` emits: every tag must be one cmark-gfm writes,
/// with only the attributes it writes, and every href/src must be http(s), mailto or relative.
///
/// Deliberately independent of the module's own `LinkPolicy`: the tests check the output, not the
/// code that produced it. It is strict on purpose: any `<` that does not open an allowed tag (a
/// comment, a doctype, a stray `<`) is a violation, because text `<` must arrive as `&lt;`.
public struct HTMLAllowList {
    public static let elements: Set<String> = [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "del", "a", "img", "code", "pre",
        "blockquote", "ul", "ol", "li", "hr", "br", "table", "thead", "tbody", "tr", "th", "td", "input",
    ]

    /// What is wrong with `html`; empty when it passes.
    public static func violations(in html: String) -> [String] {
        var scanner = Scanner(bytes: Array(html.utf8))
        return scanner.run()
    }

    /// Whether a decoded href/src value is an allowed target (checked independently of the module).
    public static func isAllowedTarget(_ value: String) -> Bool {
        let lowered = value.lowercased()
        if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") || lowered.hasPrefix("mailto:") { return true }
        guard let colon = value.firstIndex(of: ":") else { return true }
        return value[..<colon].contains { $0 == "/" || $0 == "?" || $0 == "#" }
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        var problems: [String] = []

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func run() -> [String] {
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "<") { tag() } else { index += 1 }
            }
            return problems
        }

        private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        private mutating func name() -> String {
            let start = index
            while let byte = current, isNameByte(byte) { index += 1 }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }

        private func isNameByte(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "-")
        }

        private mutating func skipSpaces() {
            while current == UInt8(ascii: " ") { index += 1 }
        }

        private mutating func tag() {
            let start = index
            index += 1
            let closing = current == UInt8(ascii: "/")
            if closing { index += 1 }
            let element = name()
            guard !element.isEmpty, Self.allowed(element) else {
                problems.append("element or markup not allowed at \(start): \(snippet(from: start))")
                index = start + 1
                return
            }
            if closing {
                if current != UInt8(ascii: ">") { problems.append("malformed closing tag \(snippet(from: start))") }
                index += 1
                return
            }
            var attributes: [String: String] = [:]
            while true {
                skipSpaces()
                guard let byte = current else {
                    problems.append("unterminated tag \(snippet(from: start))")
                    return
                }
                if byte == UInt8(ascii: ">") {
                    index += 1
                    break
                }
                if byte == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: ">") {
                    index += 2
                    break
                }
                let attribute = name()
                guard !attribute.isEmpty else {
                    problems.append("unexpected byte in tag \(snippet(from: start))")
                    index += 1
                    return
                }
                var value = ""
                if current == UInt8(ascii: "=") {
                    index += 1
                    guard current == UInt8(ascii: "\"") else {
                        problems.append("unquoted attribute value in \(snippet(from: start))")
                        return
                    }
                    index += 1
                    let valueStart = index
                    while let byte = current, byte != UInt8(ascii: "\"") { index += 1 }
                    value = String(decoding: bytes[valueStart..<index], as: UTF8.self)
                    index += 1
                }
                attributes[attribute] = value
            }
            check(element, attributes, at: start)
        }

        private static func allowed(_ element: String) -> Bool { HTMLAllowList.elements.contains(element) }

        private mutating func check(_ element: String, _ attributes: [String: String], at start: Int) {
            for (attribute, value) in attributes {
                if attribute.hasPrefix("on") { problems.append("event handler attribute \(attribute) in \(snippet(from: start))") }
                if value.contains("<") { problems.append("raw < in attribute value in \(snippet(from: start))") }
                let decoded = Self.decodeEntities(value)
                let allowed: Bool
                switch (element, attribute) {
                case ("a", "href"), ("img", "src"): allowed = HTMLAllowList.isAllowedTarget(decoded)
                case ("a", "title"), ("img", "title"), ("img", "alt"): allowed = true
                case ("a", "rel"): allowed = value == "nofollow noopener"
                case ("code", "class"): allowed = value.hasPrefix("language-")
                case ("th", "align"), ("td", "align"): allowed = ["left", "center", "right"].contains(value)
                case ("ol", "start"): allowed = value.allSatisfy(\.isNumber)
                case ("input", "type"): allowed = value == "checkbox"
                case ("input", "disabled"), ("input", "checked"): allowed = value.isEmpty
                default: allowed = false
                }
                if !allowed { problems.append("attribute \(attribute)=\"\(value)\" not allowed on <\(element)> in \(snippet(from: start))") }
            }
            if element == "input", attributes["type"] != "checkbox" || attributes["disabled"] == nil {
                problems.append("input that is not a disabled checkbox: \(snippet(from: start))")
            }
        }

        /// Decodes the entities cmark writes in attributes (named basics and numeric references).
        static func decodeEntities(_ value: String) -> String {
            var output = ""
            var rest = Substring(value)
            while let amp = rest.firstIndex(of: "&") {
                output += rest[..<amp]
                guard let semicolon = rest[amp...].firstIndex(of: ";") else {
                    output += rest[amp...]
                    return output
                }
                let entity = rest[rest.index(after: amp)..<semicolon]
                switch entity {
                case "amp": output += "&"
                case "quot": output += "\""
                case "lt": output += "<"
                case "gt": output += ">"
                default:
                    if entity.hasPrefix("#x") || entity.hasPrefix("#X"), let code = UInt32(entity.dropFirst(2), radix: 16), let scalar = Unicode.Scalar(code) {
                        output.unicodeScalars.append(scalar)
                    } else if entity.hasPrefix("#"), let code = UInt32(entity.dropFirst()), let scalar = Unicode.Scalar(code) {
                        output.unicodeScalars.append(scalar)
                    } else {
                        output += rest[amp...semicolon]
                    }
                }
                rest = rest[rest.index(after: semicolon)...]
            }
            return output + rest
        }

        private func snippet(from start: Int) -> String {
            String(decoding: bytes[start..<min(bytes.count, start + 60)], as: UTF8.self)
        }
    }
}
