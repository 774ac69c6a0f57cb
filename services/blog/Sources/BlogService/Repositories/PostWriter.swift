import Foundation

/// Who writes: the caller as its access token names it (the blog learns the account's
/// username from the token too, until the authors projection knows better).
public struct PostWriter: Sendable, Equatable {
    public var id: UUID
    public var username: String

    public init(id: UUID, username: String) {
        self.id = id
        self.username = username
    }
}
