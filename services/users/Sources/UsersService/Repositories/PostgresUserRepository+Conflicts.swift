import InkwellCore
import InkwellPostgres

extension PostgresUserRepository {
    /// The unique constraints of the users table and the request fields they protect.
    static let uniqueFields = ["users_username_key": "username", "users_email_key": "email"]

    /// Runs `body`, turning a unique violation into the domain's ``ConflictError`` naming the
    /// field: the HTTP edge answers 409 without knowing any constraint name.
    static func namingConflicts<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as PostgresError where error.kind == .uniqueViolation {
            guard let field = error.constraint.flatMap({ uniqueFields[$0] }) else { throw error }
            throw ConflictError(field: field)
        }
    }
}
