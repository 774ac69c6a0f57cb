import Foundation

/// A write by an account the users service has erased (its access token may outlive it).
public struct ErasedAuthorError: Error, Sendable, Equatable {
    public var authorId: UUID
}
