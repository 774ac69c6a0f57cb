import Foundation
import Hummingbird
import InkwellContracts
import InkwellServiceKit

/// `GET /internal/v1/users?ids=a,b,c`: public users by id for the gateway's composition (never
/// routed by the gateway). Up to 100 ids; erased and unknown accounts are left out of `items`.
public struct InternalUsersController: Sendable {
    public static let maxIds = 100
    let users: any UserRepository

    public init(users: any UserRepository) { self.users = users }

    public func register(on routes: RouteTable) {
        routes.on("/internal/v1/users", .get) { request, context in
            let ids = try Self.parseIds(request.uri.queryParameters.get("ids"))
            return JSONResponse(ItemList(items: try await self.users.users(ids: ids)))
        }
    }

    /// The distinct ids of `?ids=`; 400 for a missing list, a malformed id or more than 100.
    public static func parseIds(_ raw: String?) throws(HTTPProblem) -> [UUID] {
        try UUIDListParameter(name: "ids", limit: maxIds).parse(raw)
    }
}
