import ArgumentParser
import Foundation
import InkwellEvents
import InkwellPostgres
import InkwellServiceKit
import Logging

/// `<service> outbox parked | requeue`: the operator's tools for parked outbox rows (rows the
/// relay gave up on: see ``OutboxRelay``). Needs only `DATABASE_URL`; each data service adds it
/// to its executable's subcommands.
public struct OutboxCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "outbox",
        abstract: "Inspect and re-queue parked outbox rows (events the broker refused). Needs DATABASE_URL.",
        subcommands: [Parked.self, Requeue.self]
    )

    public init() {}

    /// `outbox parked`: one tab-separated line per parked row.
    public struct Parked: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            abstract: "List parked rows: id, type, key, attempts, parked at, error (tab-separated)."
        )
        @Option(help: "At most this many rows.") var limit: Int = 1000

        public init() {}

        public func run() async throws {
            let limit = limit
            let rows = try await OutboxCommand.withDatabase { try await OutboxAdministration.parked(limit: limit, on: $0) }
            print("id\ttype\tkey\tattempts\tparked_at\terror")
            for row in rows {
                let parkedAt = row.parkedAt.map { $0.formatted(.iso8601) } ?? ""
                let error = (row.error ?? "").replacingOccurrences(of: "\n", with: " ")
                print("\(row.id)\t\(row.eventType)\t\(row.key)\t\(row.attempts)\t\(parkedAt)\t\(error)")
            }
            if rows.isEmpty { FileHandle.standardError.write(Data("no parked rows\n".utf8)) }
        }
    }

    /// `outbox requeue --all | ID...`.
    public struct Requeue: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            abstract: "Put parked rows back in the queue (the relay publishes them after what of their key was published meanwhile)."
        )
        @Flag(help: "Re-queue every parked row.") var all = false
        @Argument(help: "Ids of parked rows (from `outbox parked`).") var ids: [Int64] = []

        public init() {}

        public func validate() throws {
            if all == !ids.isEmpty { throw ValidationError("give either --all or one or more ids") }
        }

        public func run() async throws {
            let requeued = try await OutboxCommand.withDatabase { [all, ids] in
                try await OutboxAdministration.requeue(ids: all ? nil : ids, on: $0)
            }
            print("re-queued \(requeued.count) row(s)\(requeued.isEmpty ? "" : ": " + requeued.map(String.init).joined(separator: " "))")
        }
    }

    /// Runs `body` with a pool on `DATABASE_URL` for the duration of the call.
    static func withDatabase<T: Sendable>(_ body: @escaping @Sendable (PostgresClient) async throws -> T) async throws -> T {
        let program = URL(fileURLWithPath: CommandLine.arguments.first ?? "inkwell").lastPathComponent
        var result: T?
        try await ServiceMain.run(program) {
            let environment = EnvironmentConfiguration()
            let database = environment.postgres(applicationName: "\(program)-outbox")
            try environment.validate()
            guard let database else { return }
            let postgres = PostgresClient(configuration: database, logger: Logger(label: "inkwell.outbox-command"))
            result = try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask { try await postgres.run(); return nil }
                defer { group.cancelAll() }
                return try await body(postgres)
            }
        }
        guard let result else { throw ExitCode.failure }
        return result
    }
}
