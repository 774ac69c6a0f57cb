import InkwellServiceKit
import Logging

/// An erased account may hold a live access token for a few minutes: its writes are 403.
extension ErasedAuthorError: HTTPProblemConvertible {
    public func problem(logger: Logger) -> HTTPProblem {
        HTTPProblem(.forbidden, slug: "account-erased", detail: "This account has been erased.")
    }
}
