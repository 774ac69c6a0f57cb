import Foundation

/// What a verifier expects of the claims: issuer, audience, leeway and the current time.
///
/// jwt-kit calls ``AccessTokenClaims/verify(using:)`` after checking the signature but passes
/// it nothing but the algorithm, so the verifier hands its expectations over in a task-local
/// for the duration of that call (see ``VerificationKeySet``).
struct ClaimRequirements: Sendable {
    /// `nil` skips the issuer check (only when claims are verified outside Inkwell's verifiers).
    var issuer: String?
    var audience: String
    var leeway: TimeInterval
    var now: Date

    @TaskLocal static var current: ClaimRequirements?

    /// Used when jwt-kit verifies the claims without an Inkwell verifier around it.
    static func fallback(now: Date = Date()) -> ClaimRequirements {
        ClaimRequirements(issuer: nil, audience: "inkwell", leeway: 30, now: now)
    }
}
