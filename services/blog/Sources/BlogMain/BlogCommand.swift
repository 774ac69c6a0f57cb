import ArgumentParser
import InkwellDataKit
import InkwellServiceKit
import BlogService

/// `inkwell-blog`: blog.
@main
struct BlogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inkwell-blog",
        abstract: "Inkwell blog service: posts, tags, search, media.",
        subcommands: [Serve.self, Migrate.self, OutboxCommand.self, ReplayDeadLettersCommand<BlogApp>.self, ConfigCommand<BlogApp>.self, HealthcheckCommand<BlogApp>.self],
        defaultSubcommand: Serve.self
    )

    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Apply migrations and serve HTTP (configured by environment variables).")
        func run() async throws { try await ServiceMain.run("inkwell-blog") { try await BlogApp.serve() } }
    }

    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Apply the blog schema's migrations and exit.")
        func run() async throws { try await ServiceMain.run("inkwell-blog") { try await BlogApp.migrate() } }
    }
}

