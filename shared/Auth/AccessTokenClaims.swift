import Foundation
import InkwellCore
import JWTKit

/// The payload of an Inkwell access token.
///
/// JSON: `{"iss", "aud", "sub", "exp", "iat", "jti", "username", "roles", "emailVerified"}`;
/// `exp` and `iat` are NumericDate (seconds since 1970), `sub` is the user id.
public struct AccessTokenClaims: JWTPayload, Sendable, Equatable {
    /// `iss`: the users service.
    public var issuer: IssuerClaim
    /// `aud`: a string or a list; must contain `inkwell`.
    public var audience: AudienceClaim
    /// The user id as a UUID string.
    public var subject: SubjectClaim
    /// `exp`.
    public var expiration: ExpirationClaim
    /// `iat`.
    public var issuedAt: IssuedAtClaim
    /// A unique token id.
    public var id: IDClaim
    /// The user's (lower-case) username.
    public var username: String
    /// `reader`, `author`, `moderator`, `admin`.
    public var roles: [String]
    /// Whether the email address is verified (writing needs it).
    public var emailVerified: Bool

    enum CodingKeys: String, CodingKey {
        case issuer = "iss"
        case audience = "aud"
        case subject = "sub"
        case expiration = "exp"
        case issuedAt = "iat"
        case id = "jti"
        case username, roles, emailVerified
    }

    /// Claims for one token; `id` (`jti`) defaults to a random lower-case UUID.
    public init(
        issuer: String, audience: String, userId: UUID, username: String, roles: [String], emailVerified: Bool,
        issuedAt: Date, expiresAt: Date, id: String = UUID().uuidString.lowercased()
    ) {
        self.issuer = IssuerClaim(value: issuer)
        self.audience = AudienceClaim(value: [audience])
        self.subject = SubjectClaim(value: userId.uuidString.lowercased())
        self.expiration = ExpirationClaim(value: expiresAt)
        self.issuedAt = IssuedAtClaim(value: issuedAt)
        self.id = IDClaim(value: id)
        self.username = username
        self.roles = roles
        self.emailVerified = emailVerified
    }

    /// Called by jwt-kit once the signature is valid. Inside ``TokenVerifier`` and
    /// ``TokenIssuer`` it checks against their issuer, audience and leeway; called by jwt-kit on
    /// its own it checks `exp`, `iat` and `aud: inkwell` with 30 s of leeway, and no issuer.
    /// Throws ``TokenError``.
    public func verify(using algorithm: some JWTAlgorithm) async throws {
        try check(ClaimRequirements.current ?? .fallback())
    }

    /// Checks the claims against an expected issuer and audience at `now`, allowing `leeway`
    /// of clock skew for `exp` and `iat`. Does not check the signature.
    public func verify(issuer: String, audience: String = "inkwell", leeway: Duration = .seconds(30), now: Date = Date()) throws(TokenError) {
        try check(ClaimRequirements(issuer: issuer, audience: audience, leeway: leeway.timeInterval, now: now))
    }

    func check(_ requirements: ClaimRequirements) throws(TokenError) {
        if let issuer = requirements.issuer, self.issuer.value != issuer { throw .wrongIssuer }
        guard audience.value.contains(requirements.audience) else { throw .wrongAudience }
        // A token is valid until `exp` (exclusive), stretched by the leeway for clock skew.
        guard requirements.now.addingTimeInterval(-requirements.leeway) < expiration.value else { throw .expired }
        // A token "issued" later than now was minted with a wrong clock or forged for later use.
        guard issuedAt.value <= requirements.now.addingTimeInterval(requirements.leeway) else { throw .notYetValid }
    }

    /// The user the claims describe; `.malformed` when `sub` is not a UUID.
    func authenticatedUser() throws(TokenError) -> AuthenticatedUser {
        guard let id = UUID(uuidString: subject.value) else { throw .malformed }
        return AuthenticatedUser(id: id, username: username, roles: Set(roles), emailVerified: emailVerified)
    }
}
