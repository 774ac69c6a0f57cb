import ArgumentParser
import InkwellDataKit
import InkwellServiceKit
import CommentsService

/// `inkwell-comments`: comments.
@main
struct CommentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inkwell-comments",
        abstract: "Inkwell comments service: threaded comments and moderation.",
        subcommands: [Serve.self, Migrate.self, OutboxCommand.self, ReplayDeadLettersCommand<CommentsApp>.self, ConfigCommand<CommentsApp>.self, HealthcheckCommand<CommentsApp>.self],
        defaultSubcommand: Serve.self
    )

    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Apply migrations and serve HTTP (configured by environment variables).")
        func run() async throws { try await ServiceMain.run("inkwell-comments") { try await CommentsApp.serve() } }
    }

    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Apply the comments schema's migrations and exit.")
        func run() async throws { try await ServiceMain.run("inkwell-comments") { try await CommentsApp.migrate() } }
    }
}

