import Foundation
import Hummingbird
import InkwellPasswords
import InkwellServiceKit

/// `/api/v1/auth/...`: registration (the rest of the auth contract grows here).
public struct AuthController: Sendable {
    let users: any UserRepository
    let hasher: PasswordHasher
    let bootstrapAdminEmail: String?

    public init(users: any UserRepository, hasher: PasswordHasher, bootstrapAdminEmail: String?) {
        self.users = users
        self.hasher = hasher
        self.bootstrapAdminEmail = bootstrapAdminEmail?.lowercased()
    }

    public func register(on routes: RouteTable) {
        routes.on("/api/v1/auth/register", .post) { request, context in
            try await self.register(request, context: context)
        }
    }

    func register(_ request: Request, context: InkwellRequestContext) async throws -> JSONResponse<PrivateUser> {
        let registration = try await request.decodeJSON(as: RegisterRequest.self, context: context).validated()
        let now = Date()
        let roles: [Role] = registration.email == bootstrapAdminEmail ? [.reader, .author, .moderator, .admin] : [.reader]
        let user = User(
            id: UUIDv7.generate(at: now), username: registration.username, email: registration.email, emailVerified: false,
            passwordHash: try await hasher.hash(registration.password), displayName: registration.displayName, bio: "",
            roles: Role.sorted(roles), version: 1, createdAt: now, updatedAt: now, deletedAt: nil
        )
        try await users.register(user, traceparent: context.trace.traceparent)
        context.logger.info("account registered", metadata: ["user_id": "\(user.id)"])
        return JSONResponse(PrivateUser(user), status: .created, headers: [.location: "/api/v1/users/\(user.username)"])
    }
}
