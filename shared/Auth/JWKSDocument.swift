/// A JWK Set, `{"keys": [...]}`: the body of `GET /.well-known/jwks.json`.
public struct JWKSDocument: Codable, Sendable, Equatable {
    public var keys: [JSONWebKey]

    public init(keys: [JSONWebKey]) {
        self.keys = keys
    }
}
