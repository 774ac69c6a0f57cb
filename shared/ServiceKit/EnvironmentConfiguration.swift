import Configuration
import Foundation

/// Reads a service's environment variables through swift-configuration and collects every
/// problem, so that a bad start reports all missing or malformed variables at once, one line each.
///
/// Not thread-safe: one start-up reads it, on one task.
///
/// Keys are dotted (`database.url`) and map to variables as swift-configuration's environment
/// provider does (`DATABASE_URL`); messages name the variable.
public final class EnvironmentConfiguration {
    let reader: ConfigReader
    public private(set) var problems: [String] = []
    /// Every variable read so far, in the order first read, with its default and whether it is
    /// required or secret: what `inkwell-<service> config` prints. Recorded by the readers
    /// themselves, so the description is the code that reads the environment and cannot drift;
    /// read a variable unconditionally (also when others are missing) so that it is listed.
    public private(set) var variables: [ConfigurationVariable] = []

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        reader = ConfigReader(provider: EnvironmentVariablesProvider(environmentVariables: environment))
    }

    /// The variable name of a dotted key: `kafka.topic.prefix` → `KAFKA_TOPIC_PREFIX`.
    public static func variable(_ key: String) -> String {
        key.replacingOccurrences(of: ".", with: "_").uppercased()
    }

    /// The value of `key` without recording a read (every public reader records its own).
    func value(_ key: String) -> String? {
        guard let value = reader.string(forKey: ConfigKey(key))?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    /// Notes a read; a variable read twice keeps one entry (required or secret if either read was).
    func record(_ key: String, required: Bool = false, secret: Bool = false, default value: String? = nil, expected: String) {
        let name = Self.variable(key)
        if let index = variables.firstIndex(where: { $0.name == name }) {
            variables[index].required = variables[index].required || required
            variables[index].secret = variables[index].secret || secret
            if variables[index].defaultValue == nil { variables[index].defaultValue = value }
        } else {
            variables.append(ConfigurationVariable(name: name, required: required, secret: secret, defaultValue: value, expected: expected))
        }
    }

    /// An optional variable. `secret` marks a value that belongs in a Secret, never a ConfigMap;
    /// `defaultNote` says in words what an unset variable means when that is computed at start.
    public func optionalString(_ key: String, secret: Bool = false, defaultNote: String? = nil) -> String? {
        record(key, secret: secret, default: defaultNote, expected: "text")
        return value(key)
    }

    public func string(_ key: String, default value: String, secret: Bool = false) -> String {
        record(key, secret: secret, default: value, expected: "text")
        return self.value(key) ?? value
    }

    /// A required variable; `hint` shows the expected form in the error line.
    public func requiredString(_ key: String, hint: String, secret: Bool = false) -> String {
        record(key, required: true, secret: secret, expected: hint)
        guard let value = value(key) else {
            problems.append("\(Self.variable(key)) is missing (expected \(hint))")
            return ""
        }
        return value
    }

    public func int(_ key: String, default value: Int, range: ClosedRange<Int>) -> Int {
        record(key, default: String(value), expected: "a whole number in \(range.lowerBound)...\(range.upperBound)")
        guard let raw = self.value(key) else { return value }
        guard let parsed = Int(raw), range.contains(parsed) else {
            problems.append("\(Self.variable(key)) must be a whole number in \(range.lowerBound)...\(range.upperBound), got \"\(raw)\"")
            return value
        }
        return parsed
    }

    /// An http(s) URL (a base URL: no query or fragment). `secret` for URLs that may carry credentials.
    public func url(_ key: String, required: Bool, default value: String? = nil, schemes: Set<String> = ["http", "https"], secret: Bool = false) -> String? {
        let forms = schemes.sorted().joined(separator: "/")
        record(key, required: required, secret: secret, default: value, expected: "a \(forms) URL")
        guard let raw = self.value(key) ?? value else {
            if required { problems.append("\(Self.variable(key)) is missing (expected a \(forms) URL)") }
            return nil
        }
        guard let components = URLComponents(string: raw), let scheme = components.scheme?.lowercased(), schemes.contains(scheme),
              components.host?.isEmpty == false || scheme == "file"
        else {
            problems.append("\(Self.variable(key)) must be a \(forms) URL, got \"\(Self.redacted(raw))\"")
            return nil
        }
        return raw
    }

    public func oneOf(_ key: String, _ allowed: [String], default value: String) -> String {
        record(key, default: value, expected: "one of \(allowed.joined(separator: ", "))")
        let raw = self.value(key)?.lowercased() ?? value
        guard allowed.contains(raw) else {
            problems.append("\(Self.variable(key)) must be one of \(allowed.joined(separator: ", ")), got \"\(raw)\"")
            return value
        }
        return raw
    }

    /// Records a problem found by the caller's own validation.
    public func fail(_ key: String, _ message: String) {
        problems.append("\(Self.variable(key)) \(message)")
    }

    /// Throws when any variable was missing or malformed.
    public func validate() throws {
        if !problems.isEmpty { throw ConfigurationError(problems: problems) }
    }

    /// Hides a password in a URL before it goes into an error line.
    public static func redacted(_ raw: String) -> String {
        guard var components = URLComponents(string: raw), components.password != nil else { return raw }
        components.password = "****"
        return components.string ?? raw
    }
}

/// Every problem found in the environment, one line each.
public struct ConfigurationError: Error, CustomStringConvertible {
    public let problems: [String]
    public var description: String { problems.joined(separator: "\n") }
}
