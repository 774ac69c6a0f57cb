import Foundation
import InkwellAuth

/// The Ed25519 keys in the users schema, shared by every replica.
public protocol SigningKeyRepository: Sendable {
    /// Creates the first signing key when no unretired key exists; safe when several replicas
    /// start at once (only one creates it).
    func ensureSigningKey() async throws
    /// Every unretired key and every key retired after `retiredAfter`, newest first.
    func keys(retiredAfter: Date) async throws -> [StoredSigningKey]
    /// Retires the current signing key(s) and adds a new one, which signs from now on.
    func rotate() async throws -> SigningKey
}
