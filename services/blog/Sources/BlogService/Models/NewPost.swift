import Foundation
import InkwellContracts

/// A post to create, as validated from a ``PostCreateRequest``.
public struct NewPost: Sendable, Equatable {
    public var title: String
    public var body: String
    public var tags: [TagName]
    /// `nil`: the request did not say (``PostChange`` decides).
    public var status: PostStatus?
    public var publishAt: Date?
    /// An explicit slug (409 when taken); `nil`: derived from the title and made unique.
    public var slug: String?
    public var coverImageUrl: String?

    public init(title: String, body: String, tags: [TagName] = [], status: PostStatus? = nil, publishAt: Date? = nil, slug: String? = nil, coverImageUrl: String? = nil) {
        self.title = title
        self.body = body
        self.tags = tags
        self.status = status
        self.publishAt = publishAt
        self.slug = slug
        self.coverImageUrl = coverImageUrl
    }
}
