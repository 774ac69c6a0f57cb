import Foundation
import Hummingbird
import InkwellContracts
import InkwellPasswords
import InkwellServiceKit

/// `/api/v1/users/...`: public profiles, the caller's own account, and roles (admins).
///
/// The `me` routes and the roles route read the caller's account from the database on every
/// request: an erased account, or an admin whose role was taken away, loses its power at once,
/// not when its access token expires.
public struct UsersController: Sendable {
    let users: any UserRepository
    let authenticator: Authenticator
    let hasher: PasswordHasher

    public init(users: any UserRepository, authenticator: Authenticator, hasher: PasswordHasher) {
        self.users = users
        self.authenticator = authenticator
        self.hasher = hasher
    }

    public func register(on routes: RouteTable) {
        routes.on("/api/v1/users/me", .get) { request, context in try await self.me(request, context: context) }
        routes.on("/api/v1/users/me", .patch) { request, context in try await self.updateMe(request, context: context) }
        routes.on("/api/v1/users/me", .delete) { request, context in try await self.deleteMe(request, context: context) }
        routes.on("/api/v1/users/{username}", .get) { request, context in try await self.show(request, context: context) }
        routes.on("/api/v1/users/{username}/roles", .put) { request, context in try await self.setRoles(request, context: context) }
    }

    func show(_ request: Request, context: InkwellRequestContext) async throws -> JSONResponse<PublicUser> {
        let username = try context.parameters.require("username").lowercased()
        guard UserRules.isValidUsername(username),
              let user = try await users.find(username: username), user.deletedAt == nil
        else { throw HTTPProblem.notFound("No user named \(username).") }
        return JSONResponse(PublicUser(user))
    }

    /// The caller's live account; 401 when the token is bad or the account is gone.
    func caller(_ request: Request) async throws -> User {
        let identity = try await authenticator.authenticate(request)
        guard let user = try await users.find(id: identity.id), user.deletedAt == nil else {
            throw HTTPProblem.unauthorized("The account no longer exists.")
        }
        return user
    }

    func me(_ request: Request, context: InkwellRequestContext) async throws -> JSONResponse<PrivateUser> {
        JSONResponse(PrivateUser(try await caller(request)), headers: .noStore)
    }

    func updateMe(_ request: Request, context: InkwellRequestContext) async throws -> JSONResponse<PrivateUser> {
        let user = try await caller(request)
        let update = try await request.decodeJSON(as: ProfileUpdate.self, context: context).validated()
        if update.isEmpty { return JSONResponse(PrivateUser(user), headers: .noStore) }
        guard let updated = try await users.updateProfile(id: user.id, displayName: update.displayName, bio: update.bio)
        else { throw HTTPProblem.unauthorized("The account no longer exists.") }
        return JSONResponse(PrivateUser(updated), headers: .noStore)
    }

    func deleteMe(_ request: Request, context: InkwellRequestContext) async throws -> Response {
        let user = try await caller(request)
        let body = try await request.decodeJSON(as: DeleteAccountRequest.self, context: context)
        // A stolen access token alone must not erase an account: the password confirms it.
        guard body.password.utf8.count <= 1024, try await hasher.verify(body.password, against: user.passwordHash) else {
            throw HTTPProblem.forbidden("The password is not correct.")
        }
        switch try await users.erase(id: user.id) {
        case .erased: context.logger.info("account erased", metadata: ["user_id": "\(user.id)"])
        // Erased meanwhile by a concurrent request: the outcome asked for holds.
        case .notFound: break
        case .lastAdmin: throw HTTPProblem.lastAdminErasure
        }
        return Response(status: .noContent)
    }

    func setRoles(_ request: Request, context: InkwellRequestContext) async throws -> JSONResponse<PrivateUser> {
        let admin = try await caller(request)
        guard admin.roles.contains(Role.admin.rawValue) else { throw HTTPProblem.forbidden("Only admins may change roles.") }
        let username = try context.parameters.require("username").lowercased()
        let roles = try await request.decodeJSON(as: RolesUpdate.self, context: context).validated()
        guard UserRules.isValidUsername(username) else { throw HTTPProblem.notFound("No user named \(username).") }
        let user: User
        switch try await users.setRoles(username: username, roles: roles) {
        case .changed(let changed): user = changed
        case .notFound: throw HTTPProblem.notFound("No user named \(username).")
        case .lastAdmin: throw HTTPProblem.lastAdmin("\(username) is the only admin; make another account admin first.")
        }
        context.logger.info("roles changed", metadata: ["user_id": "\(user.id)", "by": "\(admin.id)", "roles": "\(roles)"])
        return JSONResponse(PrivateUser(user), headers: .noStore)
    }
}
