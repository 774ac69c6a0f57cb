/// An entity tag (RFC 9110 §8.8.3): `"3"` or, weak, `W/"3"`. Inkwell's resources carry their
/// row version as a strong tag: `ETag: "<version>"`.
public struct EntityTag: Sendable, Hashable, CustomStringConvertible {
    /// The opaque tag without quotes.
    public var value: String
    public var isWeak: Bool

    public init(_ value: String, weak: Bool = false) {
        self.value = value
        self.isWeak = weak
    }

    /// The strong tag of a row version.
    public init(version: Int) {
        self.init(String(version))
    }

    /// The header form: `"3"` or `W/"3"`.
    public var description: String { (isWeak ? "W/\"" : "\"") + value + "\"" }

    /// Strong comparison (RFC 9110 §8.8.3.2), the one `If-Match` uses: both strong, same value.
    public func strongMatches(_ other: EntityTag) -> Bool {
        !isWeak && !other.isWeak && value == other.value
    }
}
