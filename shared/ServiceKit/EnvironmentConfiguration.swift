import Configuration
import Foundation

/// Reads a service's environment variables through swift-configuration and collects every
/// problem, so that a bad start reports all missing or malformed variables at once, one line each.
///
/// Keys are dotted (`database.url`) and map to variables as swift-configuration's environment
/// provider does (`DATABASE_URL`); messages name the variable.
public final class EnvironmentConfiguration {
    let reader: ConfigReader
    public private(set) var problems: [String] = []

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        reader = ConfigReader(provider: EnvironmentVariablesProvider(environmentVariables: environment))
    }

    /// The variable name of a dotted key: `kafka.topic.prefix` → `KAFKA_TOPIC_PREFIX`.
    public static func variable(_ key: String) -> String {
        key.replacingOccurrences(of: ".", with: "_").uppercased()
    }

    public func optionalString(_ key: String) -> String? {
        guard let value = reader.string(forKey: ConfigKey(key))?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    public func string(_ key: String, default value: String) -> String {
        optionalString(key) ?? value
    }

    /// A required variable; `hint` shows the expected form in the error line.
    public func requiredString(_ key: String, hint: String) -> String {
        guard let value = optionalString(key) else {
            problems.append("\(Self.variable(key)) is missing (expected \(hint))")
            return ""
        }
        return value
    }

    public func int(_ key: String, default value: Int, range: ClosedRange<Int>) -> Int {
        guard let raw = optionalString(key) else { return value }
        guard let parsed = Int(raw), range.contains(parsed) else {
            problems.append("\(Self.variable(key)) must be a whole number in \(range.lowerBound)...\(range.upperBound), got \"\(raw)\"")
            return value
        }
        return parsed
    }

    /// An http(s) URL (a base URL: no query or fragment).
    public func url(_ key: String, required: Bool, default value: String? = nil, schemes: Set<String> = ["http", "https"]) -> String? {
        guard let raw = optionalString(key) ?? value else {
            if required { problems.append("\(Self.variable(key)) is missing (expected a \(schemes.sorted().joined(separator: "/")) URL)") }
            return nil
        }
        guard let components = URLComponents(string: raw), let scheme = components.scheme?.lowercased(), schemes.contains(scheme),
              components.host?.isEmpty == false || scheme == "file"
        else {
            problems.append("\(Self.variable(key)) must be a \(schemes.sorted().joined(separator: "/")) URL, got \"\(Self.redacted(raw))\"")
            return nil
        }
        return raw
    }

    public func oneOf(_ key: String, _ allowed: [String], default value: String) -> String {
        let raw = optionalString(key)?.lowercased() ?? value
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
