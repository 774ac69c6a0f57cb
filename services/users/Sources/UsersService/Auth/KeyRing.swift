import Foundation
import InkwellAuth
import InkwellCore
import InkwellServiceKit
import Logging
import ServiceLifecycle
import Synchronization

/// The service's current ``TokenIssuer``, built from the keys in the database and reloaded
/// every `reloadInterval` (and at once when a token names an unknown `kid`), so that every
/// replica picks up a key made by `inkwell-users rotate-keys` within seconds.
///
/// Retired keys stay in the JWKS for `retiredKeyGrace`: the token lifetime, plus the reload
/// interval (a replica may sign with the old key that long after the rotation), plus leeway.
public final class KeyRing: Service, Sendable {
    /// The `iss` of Inkwell's access tokens. A fixed name rather than `PUBLIC_BASE_URL`, so the
    /// other services need no extra setting to verify it.
    public static let issuerName = TokenVerifierConfiguration.usersIssuer

    let repository: any SigningKeyRepository
    let logger: Logger
    let lifetime: Duration
    let reloadInterval: Duration
    let retiredKeyGrace: TimeInterval
    private let state = Mutex<(issuer: TokenIssuer?, loadedAt: ContinuousClock.Instant?)>((nil, nil))

    public init(repository: any SigningKeyRepository, logger: Logger, lifetime: Duration = .seconds(900), reloadInterval: Duration = .seconds(30)) {
        self.repository = repository
        self.logger = logger
        self.lifetime = lifetime
        self.reloadInterval = reloadInterval
        retiredKeyGrace = Double(lifetime.components.seconds) + Double(reloadInterval.components.seconds) + 90
    }

    /// True once keys are loaded (a readiness condition).
    public var isLoaded: Bool { state.withLock { $0.issuer != nil } }

    /// The issuer to sign with; 503 until the keys are loaded.
    public func issuer() throws(HTTPProblem) -> TokenIssuer {
        guard let issuer = state.withLock({ $0.issuer }) else { throw .unavailable("Signing keys are not loaded yet.", retryAfter: 1) }
        return issuer
    }

    /// Verifies one of our own access tokens; a token from a key this replica has not loaded yet
    /// triggers one reload (at most one per second).
    public func verify(_ token: String) async throws(TokenError) -> AuthenticatedUser {
        guard let issuer = state.withLock({ $0.issuer }) else { throw .keysUnavailable }
        do {
            return try await issuer.verify(token)
        } catch .unknownKey {
            let recent = state.withLock { $0.loadedAt.map { ContinuousClock.now - $0 < .seconds(1) } ?? false }
            guard !recent, (try? await reload()) != nil, let fresh = state.withLock({ $0.issuer }) else { throw .unknownKey }
            return try await fresh.verify(token)
        }
    }

    /// Reads the keys and builds a new issuer: the newest unretired key signs.
    public func reload() async throws {
        let stored = try await repository.keys(retiredAfter: Date().addingTimeInterval(-retiredKeyGrace))
        guard let signing = stored.first(where: { $0.retiredAt == nil }) ?? stored.first else { throw KeyRingError.noKeys }
        let issuer = try await TokenIssuer(
            issuer: Self.issuerName, audience: "inkwell", lifetime: lifetime,
            signingKey: signing.key, verificationKeys: stored.map(\.key).filter { $0.kid != signing.key.kid }
        )
        let previous = state.withLock { state -> String? in
            let previous = state.issuer?.signingKid
            state = (issuer, ContinuousClock.now)
            return previous
        }
        if previous != issuer.signingKid { logger.info("signing key loaded", metadata: ["kid": "\(issuer.signingKid)"]) }
    }

    public func run() async throws {
        try await worker.run()
    }

    /// Loads the keys (making the first one on a fresh database) and reloads them every
    /// `reloadInterval` (±10 %), retrying from 100 ms up to 5 s while the database fails.
    var worker: PeriodicWorker {
        PeriodicWorker(
            name: "signing-keys", configuration: .init(interval: reloadInterval, minBackoff: .milliseconds(100), maxBackoff: .seconds(5)),
            logger: logger
        ) { [self] in try await self.refresh() }
    }

    /// One run of the worker.
    func refresh() async throws -> PeriodicWorker.Outcome {
        if !isLoaded { try await repository.ensureSigningKey() }
        try await reload()
        return .idle
    }
}
