import ArgumentParser
import GatewayService
import InkwellServiceKit

/// `inkwell-gateway`: the one URL clients use.
@main
struct GatewayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inkwell-gateway",
        abstract: "Inkwell gateway: routes and composes the services' APIs and serves the reading site.",
        subcommands: [Serve.self, RebuildPages.self, ConfigCommand<GatewayApp>.self, HealthcheckCommand<GatewayApp>.self],
        defaultSubcommand: Serve.self
    )

    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Serve HTTP (configured by environment variables).")
        func run() async throws { try await ServiceMain.run("inkwell-gateway") { try await GatewayApp.serve() } }
    }

    struct RebuildPages: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rebuild-pages",
            abstract: "Render every page of the reading site from the services' current data and remove stale page files."
        )
        func run() async throws { try await ServiceMain.run("inkwell-gateway") { try await GatewayApp.rebuildPages() } }
    }
}

