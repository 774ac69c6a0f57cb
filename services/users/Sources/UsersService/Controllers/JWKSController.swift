import Hummingbird
import InkwellAuth
import InkwellServiceKit

/// `GET /.well-known/jwks.json`: the public keys that sign access tokens. Cached briefly, so that
/// a rotated key reaches verifiers soon (they also refetch on an unknown `kid`).
public struct JWKSController: Sendable {
    let keyRing: KeyRing

    public init(keyRing: KeyRing) { self.keyRing = keyRing }

    public func register(on routes: RouteTable) {
        routes.on("/.well-known/jwks.json", .get) { _, _ in
            JSONResponse(try self.keyRing.issuer().jwks(), headers: [.cacheControl: "public, max-age=60"])
        }
    }
}
