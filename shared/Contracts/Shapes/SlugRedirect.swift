import Foundation
import InkwellCore

/// An old slug of a published post that still redirects to it (the blog's
/// `post_slug_redirects`): the page renderer writes one redirect file per old slug.
public struct SlugRedirect: Codable, Sendable, Hashable {
    /// The old slug.
    public var slug: String
    @LowercaseUUID public var postId: UUID

    public init(slug: String, postId: UUID) {
        self.slug = slug
        self.postId = postId
    }
}
