import InkwellAuth
import InkwellHTTPClient
import Logging

/// Bearer-token verification for a service that does not sign tokens (blog, comments, gateway):
/// a ``TokenVerifier`` on the users service's JWKS (`JWKS_URL`) and the service that keeps its
/// HTTP client for the application's lifetime.
///
/// ```swift
/// let tokens = JWKSVerification(jwksURL: configuration.jwksURL, logger: logger)
/// InkwellApplication.make(..., services: platform.services + [tokens.service], authentication: tokens.verifier)
/// ```
public struct JWKSVerification: Sendable {
    public let verifier: TokenVerifier
    /// Put it in the service group before the HTTP server: the client stops after the server.
    public let service: HTTPClientService

    public init(jwksURL: String, logger: Logger) {
        let client = HTTPClient(logger: logger)
        verifier = TokenVerifier(
            configuration: TokenVerifierConfiguration(jwksURL: jwksURL, issuer: TokenVerifierConfiguration.usersIssuer),
            httpClient: client, logger: logger
        )
        service = HTTPClientService(client: client)
    }

    /// Reads the required `JWKS_URL` (reported with the other variables when missing or bad).
    public static func jwksURL(from env: EnvironmentConfiguration) -> String {
        env.url("jwks.url", required: true) ?? ""
    }
}
