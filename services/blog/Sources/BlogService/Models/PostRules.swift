import Foundation
import InkwellContracts
import InkwellCore
import InkwellServiceKit

/// The field rules of API.md's posts section; each returns a message for an invalid value.
///
/// Lengths are counted in Unicode scalars (a letter with a thousand combining marks is one
/// `Character` but a thousand and one scalars). No field holds a control character, except tab
/// and line breaks in the body. Checked on every write, by hand over scalars and bytes (no `Regex`).
public enum PostRules {
    public static let titleLength = 1...200
    public static let maxBodyLength = 100_000
    public static let maxTags = 10
    public static let maxCoverImageURLBytes = 2_000
    public static let controlMessage = "must not contain control characters"

    public static func titleProblem(_ title: String) -> String? {
        if containsControl(title, allowingLineBreaks: false) { return controlMessage }
        return titleLength.contains(title.unicodeScalars.count) ? nil : "must be 1 to 200 characters"
    }

    public static func bodyProblem(_ body: String) -> String? {
        if containsControl(body, allowingLineBreaks: true) { return controlMessage }
        return body.unicodeScalars.count <= maxBodyLength ? nil : "must be at most 100000 characters"
    }

    public static func slugProblem(_ slug: String) -> String? {
        Slug.isValid(slug) ? nil : Slug.formatMessage
    }

    /// The post status a request names (`draft`, `scheduled`, `published`).
    public static func status(_ raw: String) -> PostStatus? { PostStatus(rawValue: raw) }
    public static let statusMessage = "must be draft, scheduled or published"

    /// An RFC 3339 timestamp (`2026-11-21T10:00:00Z`, fractions and offsets allowed).
    public static func publishAt(_ raw: String) -> Date? {
        // The date-time production needs a 'T' (or 't') between date and time and a zone.
        guard raw.utf8.count <= 40, raw.utf8.contains(where: { $0 == UInt8(ascii: "T") || $0 == UInt8(ascii: "t") }) else { return nil }
        return InkwellJSON.parseDate(raw)
    }
    public static let publishAtMessage = "must be an RFC 3339 timestamp such as 2026-11-21T10:00:00Z"

    /// `http(s)://host...` or a path under `/media/`, at most 2,000 bytes of visible ASCII
    /// without quotes, angle brackets, backslashes or backticks (it lands in HTML attributes).
    public static func coverImageURLProblem(_ url: String) -> String? {
        let message = "must be an http(s) URL or a /media/ path of at most 2000 characters"
        let utf8 = url.utf8
        guard utf8.count <= maxCoverImageURLBytes else { return message }
        for byte in utf8 {
            guard byte > 0x20, byte < 0x7F else { return message }
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\\"), UInt8(ascii: "`"): return message
            default: continue
            }
        }
        let lower = url.lowercased()
        for prefix in ["https://", "http://"] where lower.hasPrefix(prefix) {
            // A host must follow: not `http:///x` or `http://`.
            let rest = lower.utf8.dropFirst(prefix.utf8.count)
            guard let first = rest.first, first != UInt8(ascii: "/"), first != UInt8(ascii: "?"), first != UInt8(ascii: "#") else { return message }
            return nil
        }
        if url.hasPrefix("/media/"), url.utf8.count > "/media/".utf8.count, !url.contains("/../"), !url.hasSuffix("/..") { return nil }
        return message
    }

    /// The tags of a request, normalised and collapsed by slug, or their field errors
    /// (`tags` for too many, `tags.<index>` for a bad one).
    public static func tags(_ raw: [String]) -> Result<[TagName], FieldErrors> {
        var errors: [FieldError] = []
        var tags: [TagName] = []
        for (index, name) in raw.enumerated() {
            switch TagName.parse(name) {
            case .success(let tag): tags.append(tag)
            case .failure(let problem): errors.append(FieldError(field: "tags.\(index)", message: problem.message))
            }
        }
        let collapsed = TagName.collapsing(tags)
        if collapsed.count > maxTags { errors.insert(FieldError(field: "tags", message: "must be at most \(maxTags) tags"), at: 0) }
        return errors.isEmpty ? .success(collapsed) : .failure(FieldErrors(errors: errors))
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
