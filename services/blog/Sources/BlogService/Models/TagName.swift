/// A tag as a request names it: the display name trimmed, inner whitespace collapsed to one
/// space, and its slug derived the way a title's is ("Swift", " swift " and "SWIFT" are one tag).
public struct TagName: Sendable, Hashable {
    public static let maxLength = 40

    public let name: String
    public let slug: String

    /// The normalised tag, or the message of why `raw` is not one.
    public static func parse(_ raw: String) -> Result<TagName, TagNameProblem> {
        if PostRules.containsControl(raw, allowingLineBreaks: false) { return .failure(.init(message: PostRules.controlMessage)) }
        let name = raw.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard (1...maxLength).contains(name.unicodeScalars.count) else { return .failure(.init(message: "must be 1 to \(maxLength) characters")) }
        // Twice the name's limit: "ß" is one character and two slug bytes.
        let slug = Slug.normalize(name, maxLength: Slug.maxLength)
        guard !slug.isEmpty else { return .failure(.init(message: "must contain a letter or digit that has a plain ASCII spelling")) }
        return .success(TagName(name: name, slug: slug))
    }

    /// The tags of a request in order, those with the same slug after the first dropped.
    public static func collapsing(_ tags: [TagName]) -> [TagName] {
        var seen = Set<String>()
        return tags.filter { seen.insert($0.slug).inserted }
    }
}
