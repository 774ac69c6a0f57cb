import Foundation

/// An account as stored.
public struct User: Sendable, Equatable {
    public var id: UUID
    public var username: String
    public var email: String?
    public var emailVerified: Bool
    public var passwordHash: String?
    public var displayName: String
    public var bio: String
    public var roles: [String]
    public var version: Int64
    public var createdAt: Date
    public var updatedAt: Date
    public var deletedAt: Date?
}
