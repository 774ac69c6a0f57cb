/// A service binary that can describe its configuration (`config`) and check its own liveness
/// (`healthcheck`): the executable adds `ConfigCommand<App>` and `HealthcheckCommand<App>` to its
/// subcommands.
public protocol DescribedService {
    /// The executable's name (`inkwell-blog`).
    static var executableName: String { get }
    /// The HTTP port when `HTTP_PORT` is unset.
    static var defaultPort: Int { get }
    /// What each subcommand reads from the environment, by subcommand name (`serve`, `migrate`):
    /// each closure runs the very code that subcommand configures itself with. It may throw (an
    /// empty environment misses the required variables); what counts is what it read.
    static var configurationReaders: [String: (EnvironmentConfiguration) throws -> Void] { get }
}

extension DescribedService {
    /// The description `config` prints: every subcommand's readers run on an empty environment,
    /// recording each variable as it is read.
    public static func configurationDescription() -> ConfigurationDescription {
        var commands: [String: [ConfigurationVariable]] = [:]
        for (command, read) in configurationReaders {
            let env = EnvironmentConfiguration(environment: [:])
            _ = try? read(env)
            commands[command] = env.variables
        }
        return ConfigurationDescription(
            program: executableName,
            defaultPort: defaultPort,
            health: .init(live: HealthController.livePath, ready: HealthController.readyPath),
            commands: commands
        )
    }
}
