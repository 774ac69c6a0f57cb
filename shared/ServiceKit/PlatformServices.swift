import Foundation
import InkwellEvents
import InkwellKafka
import InkwellPostgres
import Logging
import ServiceLifecycle

/// The long-running parts every data-owning service (users, blog, comments) needs, wired in
/// dependency order: the PostgreSQL pool, the migrations, the Kafka producer and the outbox relay.
///
/// A service adds its own services (consumers, schedulers) after these and the HTTP server last;
/// the `ServiceGroup` shuts them down in reverse, so the server stops taking requests first and
/// the pool closes last.
public struct PlatformServices: Sendable {
    public let postgres: PostgresClient
    public let producer: KafkaProducer
    public let outboxSignal: OutboxSignal
    public let migrationsApplied: ReadinessFlag
    public let relay: OutboxRelay
    let migrator: Migrator
    let logger: Logger

    public init(common: CommonConfiguration, database: PostgresConfiguration, schema: String, migrations: [Migration], logger: Logger) throws {
        self.logger = logger
        postgres = PostgresClient(configuration: database, logger: logger)
        migrator = Migrator(client: postgres, schema: schema, migrations: Outbox.migrations + migrations, logger: logger)
        migrationsApplied = ReadinessFlag()
        producer = try KafkaProducer(
            configuration: KafkaProducerConfiguration(brokers: common.kafkaBrokers, clientId: "inkwell-\(common.serviceName)", messageTimeout: .seconds(10)),
            logger: logger
        )
        outboxSignal = OutboxSignal()
        relay = OutboxRelay(postgres: postgres, producer: producer, signal: outboxSignal, schema: schema, logger: logger)
    }

    /// In start order.
    public var services: [any Service] {
        [postgres, MigrationService(migrator: migrator, applied: migrationsApplied, logger: logger), producer, relay]
    }

    /// Database reachable, migrations applied, broker reachable.
    public var readinessChecks: [ReadinessCheck] {
        let postgres = self.postgres, producer = self.producer, applied = self.migrationsApplied
        return [
            ReadinessCheck("database") { await postgres.ping() },
            ReadinessCheck("migrations") { applied.isSet },
            ReadinessCheck("broker") { await producer.isReachable(timeout: .seconds(2)) },
        ]
    }

    /// The `migrate` subcommand (a Kubernetes Job before a rollout): applies the platform's and
    /// the service's migrations and returns. Needs only the database.
    public static func migrate(database: PostgresConfiguration, schema: String, migrations: [Migration], logger: Logger) async throws {
        let postgres = PostgresClient(configuration: database, logger: logger)
        let migrator = Migrator(client: postgres, schema: schema, migrations: Outbox.migrations + migrations, logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await postgres.run() }
            try await migrator.migrate()
            group.cancelAll()
        }
    }
}
