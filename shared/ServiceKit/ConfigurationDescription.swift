import Foundation

/// What `inkwell-<service> config` prints as JSON: the environment each subcommand reads, the
/// default port and the health endpoints. Deployment tests hold compose.yaml and the Kubernetes
/// manifests to it.
public struct ConfigurationDescription: Sendable, Codable, Equatable {
    public struct Health: Sendable, Codable, Equatable {
        public var live: String
        public var ready: String
        public init(live: String, ready: String) {
            self.live = live
            self.ready = ready
        }
    }

    public var program: String
    public var defaultPort: Int
    public var health: Health
    /// The variables of each subcommand (`serve`, `migrate`), in the order they are read.
    public var commands: [String: [ConfigurationVariable]]

    public init(program: String, defaultPort: Int, health: Health, commands: [String: [ConfigurationVariable]]) {
        self.program = program
        self.defaultPort = defaultPort
        self.health = health
        self.commands = commands
    }

    /// The variables of `command`, or none.
    public func variables(of command: String) -> [ConfigurationVariable] { commands[command] ?? [] }

    /// Pretty, key-sorted JSON (stable output for diffs and tests).
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
