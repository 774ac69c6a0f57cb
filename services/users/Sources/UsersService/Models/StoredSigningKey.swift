import Foundation
import InkwellAuth

/// A row of `signing_keys`: the key and when it stopped signing.
public struct StoredSigningKey: Sendable {
    public var key: SigningKey
    public var retiredAt: Date?
}
