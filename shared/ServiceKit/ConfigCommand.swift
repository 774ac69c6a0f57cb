import ArgumentParser

/// `inkwell-<service> config`: prints ``ConfigurationDescription`` as JSON on standard output.
public struct ConfigCommand<App: DescribedService>: ParsableCommand {
    public static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "config",
            abstract: "Print, as JSON, every environment variable each subcommand reads (default, required, secret), the default port and the health paths."
        )
    }

    public init() {}

    public func run() throws {
        print(try App.configurationDescription().json())
    }
}
