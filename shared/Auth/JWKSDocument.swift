/// A JWK Set, `{"keys": [...]}`: the body of `GET /.well-known/jwks.json`.
public struct JWKSDocument: Codable, Sendable, Equatable {
    /// The keys, signing key first.
    public var keys: [JSONWebKey]

    /// A set of `keys`.
    public init(keys: [JSONWebKey]) {
        self.keys = keys
    }
}
