import ArgumentParser
import Foundation
import InkwellEvents
import InkwellPostgres
import InkwellServiceKit
import Logging

/// `inkwell-<service> replay-dead-letters`: applies the events parked in the service's
/// `dead_letters` again, through its handlers, once the cause is fixed; prints what happened
/// and exits non-zero if some failed again. A service adds `ReplayDeadLettersCommand<App>.self`
/// to its subcommands.
public struct ReplayDeadLettersCommand<App: EventConsumingApp>: AsyncParsableCommand {
    public static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "replay-dead-letters",
            abstract: "Apply the parked (dead-letter) events again and mark them replayed (needs DATABASE_URL)."
        )
    }

    @Option(help: "Replay at most this many letters, oldest first.")
    var limit: Int = 1000

    @Option(name: .customLong("event-id"), help: "Replay only the letter of this event id.")
    var eventId: String?

    public init() {}

    public func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be positive") }
        if let eventId, UUID(uuidString: eventId) == nil { throw ValidationError("--event-id must be a UUID") }
    }

    public func run() async throws {
        try await ServiceMain.run(App.executableName) {
            let environment = ProcessInfo.processInfo.environment
            let report = try await Self.replay(environment: environment, limit: limit, eventId: eventId.flatMap(UUID.init(uuidString:)))
            print(report)
            if !report.failed.isEmpty { throw ExitCode(1) }
        }
    }

    /// The command without its process: replays with `App`'s handlers against the database of
    /// `environment`.
    public static func replay(environment: [String: String], limit: Int = 1000, eventId: UUID? = nil) async throws -> DeadLetterReplayReport {
        let database = try App.database(environment: environment)
        let logger = Logger(label: "\(App.executableName).replay-dead-letters")
        let prefix = EnvironmentConfiguration(environment: environment).string("kafka.topic.prefix", default: "")
        let handlers = App.eventHandlers(EventHandlerDependencies(topicPrefix: prefix, logger: logger))
        let postgres = PostgresClient(configuration: database, logger: logger)
        do {
            let report = try await DeadLetterReplayer(postgres: postgres, handlers: handlers, logger: logger).replay(limit: limit, eventId: eventId)
            await postgres.shutdown()
            return report
        } catch {
            await postgres.shutdown()
            throw error
        }
    }
}
