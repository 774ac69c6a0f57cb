/// Why the ``KeyRing`` could not load keys.
public enum KeyRingError: Error, CustomStringConvertible {
    case noKeys
    public var description: String { "no signing key in the database" }
}
