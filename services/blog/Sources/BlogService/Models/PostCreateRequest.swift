import Foundation
import InkwellContracts
import InkwellServiceKit

/// `POST /api/v1/posts`: `{title, body, tags?, status?, publishAt?, slug?, coverImageUrl?}`.
///
/// Every field decodes as optional so that ``validated()`` can name all missing and invalid
/// fields in one 422; a value of the wrong JSON type is refused by the decoder (422 naming it).
/// Unknown fields are ignored.
public struct PostCreateRequest: Decodable, Sendable {
    public var title: String?
    public var body: String?
    public var tags: [String]?
    public var status: String?
    public var publishAt: String?
    public var slug: String?
    public var coverImageUrl: String?

    public init(title: String? = nil, body: String? = nil, tags: [String]? = nil, status: String? = nil, publishAt: String? = nil, slug: String? = nil, coverImageUrl: String? = nil) {
        self.title = title
        self.body = body
        self.tags = tags
        self.status = status
        self.publishAt = publishAt
        self.slug = slug
        self.coverImageUrl = coverImageUrl
    }

    /// The request checked against API.md's rules (title trimmed, tags normalised and
    /// collapsed); every invalid field is reported at once.
    public func validated() throws(HTTPProblem) -> NewPost {
        var errors: [FieldError] = []
        let title = self.title?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let title {
            if let message = PostRules.titleProblem(title) { errors.append(FieldError(field: "title", message: message)) }
        } else {
            errors.append(FieldError(field: "title", message: "is required"))
        }
        if let body {
            if let message = PostRules.bodyProblem(body) { errors.append(FieldError(field: "body", message: message)) }
        } else {
            errors.append(FieldError(field: "body", message: "is required"))
        }
        var tags: [TagName] = []
        switch PostRules.tags(self.tags ?? []) {
        case .success(let valid): tags = valid
        case .failure(let problems): errors += problems.errors
        }
        let status = self.status.flatMap(PostRules.status)
        if self.status != nil, status == nil { errors.append(FieldError(field: "status", message: PostRules.statusMessage)) }
        let publishAt = self.publishAt.flatMap(PostRules.publishAt)
        if self.publishAt != nil, publishAt == nil { errors.append(FieldError(field: "publishAt", message: PostRules.publishAtMessage)) }
        if let slug, let message = PostRules.slugProblem(slug) { errors.append(FieldError(field: "slug", message: message)) }
        if let coverImageUrl, let message = PostRules.coverImageURLProblem(coverImageUrl) { errors.append(FieldError(field: "coverImageUrl", message: message)) }
        guard errors.isEmpty, let title, let body else { throw .validation(errors) }
        return NewPost(title: title, body: body, tags: tags, status: status, publishAt: publishAt, slug: slug, coverImageUrl: coverImageUrl)
    }
}
