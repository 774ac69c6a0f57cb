/// One environment variable a binary reads, as `inkwell-<service> config` prints it.
public struct ConfigurationVariable: Sendable, Codable, Equatable {
    /// The variable's name (`DATABASE_URL`).
    public var name: String
    /// Whether the binary refuses to start without it.
    public var required: Bool
    /// Whether its value is a secret (a password, a key, a URL with credentials): deployments
    /// take it from a Secret, never a ConfigMap or a committed file.
    public var secret: Bool
    /// The value used when it is unset (or, for a default computed at start, what it is in
    /// words); nil when unset means "off" or there is no default (required variables).
    public var defaultValue: String?
    /// The accepted form, in words (`a whole number in 1...65535`, `one of text, json`).
    public var expected: String

    public init(name: String, required: Bool, secret: Bool, defaultValue: String?, expected: String) {
        self.name = name
        self.required = required
        self.secret = secret
        self.defaultValue = defaultValue
        self.expected = expected
    }

    enum CodingKeys: String, CodingKey {
        case name, required, secret, expected
        case defaultValue = "default"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(required, forKey: .required)
        try container.encode(secret, forKey: .secret)
        // `null` rather than a missing key: every entry has the same fields.
        try container.encode(defaultValue, forKey: .defaultValue)
        try container.encode(expected, forKey: .expected)
    }
}
