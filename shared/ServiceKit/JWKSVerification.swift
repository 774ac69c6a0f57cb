import InkwellAuth
import InkwellHTTPClient
import Logging

/// Bearer-token verification for a service that does not sign tokens (blog, comments): a
/// ``TokenVerifier`` on the users service's JWKS (`JWKS_URL`).
///
/// ```swift
/// let http = HTTPClient(logger: logger)
/// InkwellApplication.make(..., services: platform.services + [HTTPClientService(client: http)],
///                         authentication: JWKSVerification.verifier(jwksURL: configuration.jwksURL, httpClient: http, logger: logger))
/// ```
public enum JWKSVerification {
    /// A verifier of the users service's access tokens, fetching keys from `jwksURL` with `httpClient`.
    public static func verifier(jwksURL: String, httpClient: HTTPClient, logger: Logger) -> TokenVerifier {
        TokenVerifier(
            configuration: TokenVerifierConfiguration(jwksURL: jwksURL, issuer: TokenVerifierConfiguration.usersIssuer),
            httpClient: httpClient, logger: logger
        )
    }

    /// Reads the required `JWKS_URL` (reported with the other variables when missing or bad).
    public static func jwksURL(from env: EnvironmentConfiguration) -> String {
        env.url("jwks.url", required: true) ?? ""
    }
}
