/// One HTTP header field, in the order it was sent or received.
///
/// Names keep their spelling; compare them case-insensitively (see ``HTTPClientResponse/header(_:)``).
public struct HTTPHeader: Sendable, Hashable {
    /// The field name, e.g. `Content-Type`.
    public var name: String
    /// The field value, without surrounding whitespace.
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
