import Foundation

/// A post as of one version: every change of a post raises its `version` (API.md), so a list's
/// stamps (one per post it shows, in order) change whenever the list's answer would.
public struct PostStamp: Hashable, Sendable {
    public var id: UUID
    public var version: Int64

    public init(id: UUID, version: Int64) {
        self.id = id
        self.version = version
    }
}
