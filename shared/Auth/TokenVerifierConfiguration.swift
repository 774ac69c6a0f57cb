/// Where a ``TokenVerifier`` finds its keys, what it expects of tokens, and how it caches.
public struct TokenVerifierConfiguration: Sendable {
    /// The `iss` of every access token the users service signs.
    public static let usersIssuer = "inkwell-users"

    /// The users service's `/.well-known/jwks.json`.
    public var jwksURL: String
    /// The only accepted `iss`.
    public var issuer: String
    /// `aud` must contain this.
    public var audience: String
    /// Clock skew allowed for `exp` and `iat`.
    public var leeway: Duration
    /// The least time between two fetches of the JWKS; bounds the refetches that tokens with
    /// unknown `kid`s (or a failing JWKS endpoint) can cause.
    public var refetchInterval: Duration
    /// How long a fetched JWKS is used before it is fetched again.
    public var cacheLifetime: Duration
    /// The limit for one JWKS request.
    public var fetchTimeout: Duration

    /// The defaults: audience `inkwell`, 30 s leeway, at most one fetch per 10 s, a 5-minute
    /// cache, a 2 s fetch timeout.
    public init(
        jwksURL: String, issuer: String, audience: String = "inkwell", leeway: Duration = .seconds(30),
        refetchInterval: Duration = .seconds(10), cacheLifetime: Duration = .seconds(300), fetchTimeout: Duration = .seconds(2)
    ) {
        self.jwksURL = jwksURL
        self.issuer = issuer
        self.audience = audience
        self.leeway = leeway
        self.refetchInterval = refetchInterval
        self.cacheLifetime = cacheLifetime
        self.fetchTimeout = fetchTimeout
    }
}
