/// Why a configuration value is not a ``FileSinkLocation``.
public struct FileSinkLocationError: Error, Hashable, CustomStringConvertible, Sendable {
    /// The value as given, with any URL credentials replaced with `***`.
    public let value: String
    /// What is wrong with it.
    public let reason: String

    public init(value: String, reason: String) {
        self.value = value
        self.reason = reason
    }

    /// One line, e.g. `invalid sink "s3://bucket/": unsupported scheme "s3" (expected file:///absolute/dir or http(s)://host:port/prefix/)`.
    public var description: String {
        "invalid sink \"\(value)\": \(reason) (expected file:///absolute/dir or http(s)://host:port/prefix/)"
    }
}
