import Foundation
import InkwellContracts

/// A change to a post, as validated from a ``PostPatchRequest``: `nil`/``PatchValue/absent``
/// fields stay as they are.
public struct PostEdit: Sendable, Equatable {
    public var title: String?
    public var body: String?
    public var tags: [TagName]?
    public var status: PostStatus?
    public var publishAt: PatchValue<Date>
    /// An explicit new slug (the old one becomes a redirect); the slug never follows the title.
    public var slug: String?
    public var coverImageUrl: PatchValue<String>

    public init(title: String? = nil, body: String? = nil, tags: [TagName]? = nil, status: PostStatus? = nil, publishAt: PatchValue<Date> = .absent, slug: String? = nil, coverImageUrl: PatchValue<String> = .absent) {
        self.title = title
        self.body = body
        self.tags = tags
        self.status = status
        self.publishAt = publishAt
        self.slug = slug
        self.coverImageUrl = coverImageUrl
    }

    /// Nothing to change: answered with the post as it is, without a new version.
    public var isEmpty: Bool {
        title == nil && body == nil && tags == nil && status == nil && publishAt.isAbsent && slug == nil && coverImageUrl.isAbsent
    }
}
