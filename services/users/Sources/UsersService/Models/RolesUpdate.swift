import InkwellServiceKit

/// `PUT /api/v1/users/{username}/roles`: `{roles: [...]}`.
public struct RolesUpdate: Codable, Sendable {
    public var roles: [String]

    /// The roles in stored order, `reader` always included; 422 naming `roles` for an unknown one.
    public func validated() throws(HTTPProblem) -> [String] {
        var known: [Role] = [.reader]
        var unknown: [String] = []
        for name in roles {
            if let role = Role(rawValue: name) { known.append(role) } else { unknown.append(name) }
        }
        guard unknown.isEmpty else {
            let list = Role.allCases.map(\.rawValue).joined(separator: ", ")
            throw .validation([FieldError(field: "roles", message: "unknown role(s); allowed: \(list)")])
        }
        return Role.sorted(known)
    }
}
