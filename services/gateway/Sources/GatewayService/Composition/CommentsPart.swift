import InkwellContracts

/// The comments part of a post's answer, from the comments service's answer to
/// `GET /api/v1/posts/{slug}/comments`: a page, none (404: the service does not know the post
/// as published yet, or it is a draft: an empty thread, complete), or missing (no answer in
/// time, or an unexpected one: degraded).
public enum CommentsPart: Sendable, Equatable {
    case page(Page<Comment>)
    case none
    case missing

    /// The part for an answer's status and its decoded page (nil when undecodable or absent).
    public init(status: Int?, page: Page<Comment>?) {
        switch status {
        case 200: self = page.map(CommentsPart.page) ?? .missing
        case 404: self = .none
        default: self = .missing
        }
    }

    /// The page's top-level comments (none when there is no page).
    public var comments: [Comment] {
        if case .page(let page) = self { page.items } else { [] }
    }

    public var isMissing: Bool { self == .missing }
}
