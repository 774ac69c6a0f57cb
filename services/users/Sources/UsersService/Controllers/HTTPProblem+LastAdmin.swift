import InkwellServiceKit

extension HTTPProblem {
    /// 409 `urn:inkwell:problem:last-admin`: the change would leave the platform without an admin.
    static func lastAdmin(_ detail: String) -> HTTPProblem {
        HTTPProblem(.conflict, slug: "last-admin", detail: detail)
    }

    /// The caller is the only admin and asked to erase their own account.
    static let lastAdminErasure = lastAdmin("You are the only admin; make another account admin first.")
}
