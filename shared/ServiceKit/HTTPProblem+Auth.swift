import Hummingbird

extension HTTPProblem {
    /// 401 for a request without credentials on a route that needs a user: `WWW-Authenticate: Bearer`.
    public static func authenticationRequired(_ detail: String = "This request needs an access token (Authorization: Bearer).") -> Self {
        .unauthorized(detail)
    }

    /// 401 for a bearer token that was sent but is bad (RFC 6750 §3.1):
    /// `WWW-Authenticate: Bearer error="invalid_token"`. `detail` is a fixed phrase, never the token.
    public static func invalidToken(_ detail: String) -> Self {
        .init(.unauthorized, slug: "invalid-token", detail: detail, headers: [.wwwAuthenticate: #"Bearer error="invalid_token""#])
    }
}
