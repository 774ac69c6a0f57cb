import Hummingbird
import InkwellServiceKit

/// `?q=` of `GET /api/v1/search`, validated: required, given once, 1 to 200 Unicode scalars once
/// surrounding whitespace is trimmed, and no control characters but tabs and line breaks (which
/// the query parser treats as spaces). A query parameter is not a JSON field, so every failure is
/// 400 (API.md: "400 malformed JSON or query"), with `errors` naming `q`.
///
/// The text goes to `websearch_to_tsquery` as a bound parameter: its syntax (`"a phrase"`,
/// `-word`, `or`) is PostgreSQL's, which never fails on any input.
struct SearchQuery: Sendable, Equatable {
    static let maxLength = 200

    /// The trimmed query.
    let text: String

    init(_ request: Request) throws(HTTPProblem) {
        let values = request.uri.queryParameters.getAll("q")
        guard values.count <= 1 else { throw Self.invalid("q may be given once.") }
        try self.init(values.first.map { String($0) })
    }

    init(_ raw: String?) throws(HTTPProblem) {
        guard let raw else { throw Self.invalid("The query parameter q is required.") }
        let text = raw.trimmingWhitespace()
        guard !text.isEmpty else { throw Self.invalid("q must not be empty.") }
        var count = 0
        for scalar in text.unicodeScalars {
            count += 1
            guard count <= Self.maxLength else { throw Self.invalid("q must be at most \(Self.maxLength) characters.") }
            if scalar.properties.generalCategory == .control, scalar != "\t", scalar != "\n", scalar != "\r" {
                throw Self.invalid("q must not contain control characters.")
            }
        }
        self.text = text
    }

    /// The cursor purpose of this query's result list: a cursor of one query is refused for
    /// another (its rank means nothing there). The text holds no NUL, the purpose's separator.
    var cursorPurpose: String { "blog.search:" + text }

    static func invalid(_ detail: String) -> HTTPProblem {
        HTTPProblem(.badRequest, slug: "invalid-query", detail: detail, errors: [FieldError(field: "q", message: detail)])
    }
}

extension String {
    /// Without leading and trailing Unicode whitespace.
    fileprivate func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
