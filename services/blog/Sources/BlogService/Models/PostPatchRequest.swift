import Foundation
import InkwellContracts
import InkwellServiceKit

/// `PATCH /api/v1/posts/{slug}`: any of the POST fields. Absent fields stay as they are;
/// `null` clears `publishAt`, `coverImageUrl` and `tags`, and is refused for the others.
/// Unknown fields are ignored.
public struct PostPatchRequest: Decodable, Sendable {
    public var title: PatchValue<String>
    public var body: PatchValue<String>
    public var tags: PatchValue<[String]>
    public var status: PatchValue<String>
    public var publishAt: PatchValue<String>
    public var slug: PatchValue<String>
    public var coverImageUrl: PatchValue<String>

    enum CodingKeys: String, CodingKey {
        case title, body, tags, status, publishAt, slug, coverImageUrl
    }

    public init(
        title: PatchValue<String> = .absent, body: PatchValue<String> = .absent, tags: PatchValue<[String]> = .absent, status: PatchValue<String> = .absent,
        publishAt: PatchValue<String> = .absent, slug: PatchValue<String> = .absent, coverImageUrl: PatchValue<String> = .absent
    ) {
        self.title = title
        self.body = body
        self.tags = tags
        self.status = status
        self.publishAt = publishAt
        self.slug = slug
        self.coverImageUrl = coverImageUrl
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        title = try container.decodePatch(String.self, forKey: .title)
        body = try container.decodePatch(String.self, forKey: .body)
        tags = try container.decodePatch([String].self, forKey: .tags)
        status = try container.decodePatch(String.self, forKey: .status)
        publishAt = try container.decodePatch(String.self, forKey: .publishAt)
        slug = try container.decodePatch(String.self, forKey: .slug)
        coverImageUrl = try container.decodePatch(String.self, forKey: .coverImageUrl)
    }

    /// The patch checked against the same rules as a new post; every invalid field at once.
    public func validated() throws(HTTPProblem) -> PostEdit {
        var errors: [FieldError] = []
        func required(_ field: String, _ value: PatchValue<String>) -> String? {
            switch value {
            case .absent: return nil
            case .null: errors.append(FieldError(field: field, message: "must not be null")); return nil
            case .value(let value): return value
            }
        }
        let title = required("title", self.title)?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let title, let message = PostRules.titleProblem(title) { errors.append(FieldError(field: "title", message: message)) }
        let body = required("body", self.body)
        if let body, let message = PostRules.bodyProblem(body) { errors.append(FieldError(field: "body", message: message)) }
        var tags: [TagName]?
        switch self.tags {
        case .absent: break
        case .null: tags = []
        case .value(let raw):
            switch PostRules.tags(raw) {
            case .success(let valid): tags = valid
            case .failure(let problems): errors += problems.errors
            }
        }
        let rawStatus = required("status", self.status)
        let status = rawStatus.flatMap(PostRules.status)
        if rawStatus != nil, status == nil { errors.append(FieldError(field: "status", message: PostRules.statusMessage)) }
        var publishAt = PatchValue<Date>.absent
        switch self.publishAt {
        case .absent: break
        case .null: publishAt = .null
        case .value(let raw):
            if let date = PostRules.publishAt(raw) { publishAt = .value(date) } else { errors.append(FieldError(field: "publishAt", message: PostRules.publishAtMessage)) }
        }
        let slug = required("slug", self.slug)
        if let slug, let message = PostRules.slugProblem(slug) { errors.append(FieldError(field: "slug", message: message)) }
        if case .value(let url) = coverImageUrl, let message = PostRules.coverImageURLProblem(url) { errors.append(FieldError(field: "coverImageUrl", message: message)) }
        guard errors.isEmpty else { throw .validation(errors) }
        return PostEdit(title: title, body: body, tags: tags, status: status, publishAt: publishAt, slug: slug, coverImageUrl: coverImageUrl)
    }
}
