import Foundation
import InkwellCore
import InkwellHTTPClient
import Logging
import Synchronization

/// Verifies access tokens against the users service's JWKS. Used by every service.
///
/// Only `alg: EdDSA` with Ed25519 keys is accepted; the header is vetted before any key lookup
/// (see ``TokenError``). The JWKS is fetched with the ``HTTPClient`` and cached for
/// ``TokenVerifierConfiguration/cacheLifetime``. A token naming a `kid` the cache lacks causes a
/// refetch, but fetches start at most once per ``TokenVerifierConfiguration/refetchInterval``,
/// so a flood of forged kids cannot hammer the users service; concurrent verifications share
/// one fetch in flight. When a fetch fails, the last good key set stays in use.
public final class TokenVerifier: Sendable {
    /// Where keys come from and what tokens must say.
    public let configuration: TokenVerifierConfiguration
    private let httpClient: HTTPClient
    private let logger: Logger
    private let clock = ContinuousClock()
    private let state = Mutex(State())

    private struct State {
        var keys: VerificationKeySet?
        /// When `keys` were fetched.
        var fetchedAt: ContinuousClock.Instant?
        /// When the last fetch started, successful or not: the throttle's reference point.
        var lastAttempt: ContinuousClock.Instant?
        var inFlight: Task<VerificationKeySet?, Never>?
    }

    private enum Step {
        case use(VerificationKeySet)
        case wait(Task<VerificationKeySet?, Never>)
        case unavailable
    }

    /// Fetches nothing yet: the first verification (or ``loadKeys()``) loads the JWKS.
    public init(configuration: TokenVerifierConfiguration, httpClient: HTTPClient, logger: Logger) {
        self.configuration = configuration
        self.httpClient = httpClient
        self.logger = logger
    }

    /// Verifies a compact JWS access token and returns its user.
    public func verify(_ token: String) async throws(TokenError) -> AuthenticatedUser {
        let header = try TokenHeader.parse(token)
        let keys = try await keys(containing: header.kid)
        let requirements = ClaimRequirements(
            issuer: configuration.issuer, audience: configuration.audience, leeway: configuration.leeway.timeInterval, now: Date()
        )
        return try await keys.verify(token, header: header, requirements: requirements)
    }

    /// Verifies the token of an `Authorization: Bearer <jwt>` header value.
    /// `nil` or empty → ``TokenError/missing``; another scheme or a malformed value → ``TokenError/malformed``.
    public func verify(authorizationHeader: String?) async throws(TokenError) -> AuthenticatedUser {
        try await verify(try Self.bearerToken(from: authorizationHeader))
    }

    /// Makes sure a key set is loaded (fetching it unless a fresh one is cached), e.g. at start-up
    /// or in a readiness check. Returns whether keys are available.
    @discardableResult
    public func loadKeys() async -> Bool {
        (try? await keys(containing: nil)) != nil
    }

    /// The token of a `Bearer` credential (RFC 6750 §2.1; the scheme is case-insensitive).
    static func bearerToken(from header: String?) throws(TokenError) -> String {
        guard let header = header?.trimmingCharacters(in: .whitespaces), !header.isEmpty else { throw .missing }
        let parts = header.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw .malformed }
        return String(parts[1])
    }

    /// A key set that holds `kid` if any can be had within the throttle; `nil` asks for any key set.
    private func keys(containing kid: String?) async throws(TokenError) -> VerificationKeySet {
        let now = clock.now
        let step: Step = state.withLock { state in
            let fresh = state.fetchedAt.map { now < $0.advanced(by: configuration.cacheLifetime) } ?? false
            let known = state.keys.map { keys in kid.map { keys.kids.contains($0) } ?? true } ?? false
            if known, fresh, let keys = state.keys { return .use(keys) }
            if let task = state.inFlight {
                // A stale set that knows the kid serves while the refresh runs.
                if known, let keys = state.keys { return .use(keys) }
                return .wait(task)
            }
            // With no keys at all every request fails anyway; retry sooner, still one at a time.
            let throttle = state.keys == nil ? min(configuration.refetchInterval, .seconds(1)) : configuration.refetchInterval
            if let last = state.lastAttempt, now < last.advanced(by: throttle) {
                return state.keys.map { .use($0) } ?? .unavailable
            }
            state.lastAttempt = now
            let task = Task { await self.refresh() }
            state.inFlight = task
            if known, let keys = state.keys { return .use(keys) }
            return .wait(task)
        }
        switch step {
        case .use(let keys):
            return keys
        case .unavailable:
            throw .keysUnavailable
        case .wait(let task):
            guard let keys = await task.value else { throw .keysUnavailable }
            return keys
        }
    }

    /// Fetches the JWKS, installs it if usable, and returns the key set now in use (the previous
    /// one when the fetch failed).
    private func refresh() async -> VerificationKeySet? {
        let fetched = await fetch()
        let fetchedAt = clock.now
        let current: VerificationKeySet? = state.withLock { state in
            state.inFlight = nil
            if let fetched {
                state.keys = fetched
                state.fetchedAt = fetchedAt
            }
            return state.keys
        }
        if fetched == nil, current != nil {
            logger.warning("using the previous JWKS key set", metadata: ["jwks.url": "\(configuration.jwksURL)"])
        }
        return current
    }

    private func fetch() async -> VerificationKeySet? {
        let url = configuration.jwksURL
        do {
            let request = HTTPClientRequest(
                url: url, headers: [HTTPHeader(name: "Accept", value: "application/json")], timeout: configuration.fetchTimeout
            )
            let response = try await httpClient.execute(request)
            guard response.status == 200 else {
                logger.warning("JWKS fetch failed", metadata: ["jwks.url": "\(url)", "http.status": "\(response.status)"])
                return nil
            }
            let document = try InkwellJSON.decoder.decode(JWKSDocument.self, from: Data(response.body))
            let (keys, skipped) = await VerificationKeySet.make(from: document)
            if !skipped.isEmpty {
                logger.warning("JWKS keys skipped (not Ed25519 signing keys)", metadata: ["jwks.url": "\(url)", "kids": "\(skipped)"])
            }
            // An empty set would refuse every token: keep the previous one instead.
            guard !keys.kids.isEmpty else {
                logger.warning("JWKS has no usable key", metadata: ["jwks.url": "\(url)"])
                return nil
            }
            logger.debug("JWKS loaded", metadata: ["jwks.url": "\(url)", "kids": "\(keys.kids.sorted())"])
            return keys
        } catch {
            logger.warning("JWKS fetch failed", metadata: ["jwks.url": "\(url)", "error": "\(error)"])
            return nil
        }
    }
}
