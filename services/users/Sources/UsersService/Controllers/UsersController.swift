import Foundation
import Hummingbird
import InkwellServiceKit

/// `/api/v1/users/...`: public profiles.
public struct UsersController: Sendable {
    let users: any UserRepository

    public init(users: any UserRepository) { self.users = users }

    public func register(on routes: RouteTable) {
        routes.on("/api/v1/users/{username}", .get) { request, context in
            try await self.show(request, context: context)
        }
    }

    func show(_ request: Request, context: InkwellRequestContext) async throws -> JSONResponse<PublicUser> {
        let username = try context.parameters.require("username").lowercased()
        guard UserRules.usernameProblem(username) == nil,
              let user = try await users.find(username: username), user.deletedAt == nil
        else { throw HTTPProblem.notFound("No user named \(username).") }
        return JSONResponse(PublicUser(user))
    }
}
