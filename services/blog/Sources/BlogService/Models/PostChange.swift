import Foundation
import InkwellContracts
import InkwellServiceKit

/// What a write does to a post's publication: its new status, `publishedAt`, `publishAt` and
/// version, and which event it emits. A pure decision over the current state, the request and
/// the time, so every rule is unit-tested without a database.
///
/// The rules (README, "Blog: posts"):
/// - A new post without `status` is a draft, unless it has a `publishAt` (then as `published`).
/// - `published` with a future `publishAt` is `scheduled`; with none or a past one it is
///   published now. `scheduled` needs a future `publishAt` (422 otherwise).
/// - `draft` unpublishes. `publishedAt` is the time a post was *first* published: it stays
///   through edits, unpublishing and re-publishing (a re-published post keeps its place in the feed).
/// - An edit without `status` keeps the status; with only a new `publishAt`, a scheduled or
///   published post is re-decided as `published` with that time, a draft stays a draft.
/// - Events: becoming published → `post.published`; published and still published →
///   `post.updated`; published and no longer → `post.unpublished`; otherwise none (drafts and
///   schedules are private).
public struct PostChange: Sendable, Equatable {
    /// The publication state of a stored post.
    public struct Current: Sendable, Equatable {
        public var status: PostStatus
        public var publishedAt: Date?
        public var publishAt: Date?
        public var version: Int64

        public init(status: PostStatus, publishedAt: Date?, publishAt: Date?, version: Int64) {
            self.status = status
            self.publishedAt = publishedAt
            self.publishAt = publishAt
            self.version = version
        }
    }

    /// The post event a change emits.
    public enum Event: Sendable, Equatable {
        case none, published, updated, unpublished
    }

    public var status: PostStatus
    public var publishedAt: Date?
    public var publishAt: Date?
    public var version: Int64
    public var event: Event

    /// A new post.
    public static func create(status: PostStatus?, publishAt: Date?, now: Date) throws(HTTPProblem) -> PostChange {
        let requested = status ?? (publishAt == nil ? .draft : .published)
        let (newStatus, publishedAt) = try resolve(requested, publishAt: publishAt, firstPublishedAt: nil, now: now)
        return PostChange(status: newStatus, publishedAt: publishedAt, publishAt: publishAt, version: 1, event: newStatus == .published ? .published : .none)
    }

    /// An edit of `current`.
    public static func edit(_ current: Current, status: PostStatus?, publishAt patch: PatchValue<Date>, now: Date) throws(HTTPProblem) -> PostChange {
        let publishAt = patch.applied(to: current.publishAt)
        let newStatus: PostStatus
        var publishedAt = current.publishedAt
        if let status {
            (newStatus, publishedAt) = try resolve(status, publishAt: publishAt, firstPublishedAt: current.publishedAt, now: now)
        } else if !patch.isAbsent, current.status != .draft {
            (newStatus, publishedAt) = try resolve(.published, publishAt: publishAt, firstPublishedAt: current.publishedAt, now: now)
        } else {
            newStatus = current.status
        }
        let event: Event = switch (current.status == .published, newStatus == .published) {
        case (false, true): .published
        case (true, true): .updated
        case (true, false): .unpublished
        case (false, false): .none
        }
        return PostChange(status: newStatus, publishedAt: publishedAt, publishAt: publishAt, version: current.version + 1, event: event)
    }

    static func resolve(_ requested: PostStatus, publishAt: Date?, firstPublishedAt: Date?, now: Date) throws(HTTPProblem) -> (PostStatus, Date?) {
        switch requested {
        case .draft:
            return (.draft, firstPublishedAt)
        case .published:
            if let publishAt, publishAt > now { return (.scheduled, firstPublishedAt) }
            return (.published, firstPublishedAt ?? now)
        case .scheduled:
            guard let publishAt, publishAt > now else {
                throw .validation([FieldError(field: "publishAt", message: "must be a time in the future for a scheduled post")])
            }
            return (.scheduled, firstPublishedAt)
        }
    }
}
