import InkwellServiceKit

/// The users service verifies its own tokens with its key ring (reloading on an unknown `kid`).
extension KeyRing: AccessTokenVerifying {}
