import InkwellCore
import Foundation
import InkwellEvents
import InkwellKafka
import InkwellPostgres
import InkwellServiceKit
import Logging
import ServiceLifecycle

/// The parts every data-owning service (users, blog, comments) needs, wired in dependency order:
/// the PostgreSQL pool, its migrations, the Kafka producer and the outbox relay.
///
/// Start-up: ``migrate(retryingFor:)`` runs before the service group starts (so nothing in the
/// group ever sees an unmigrated schema), then ``services`` go first in the group; a service adds
/// its own services (consumers, schedulers) after these and the HTTP server comes last. The
/// `ServiceGroup` shuts them down in reverse: the server stops taking requests first and the pool
/// closes last.
public struct DataPlatform: Sendable {
    public let postgres: PostgresClient
    public let producer: KafkaProducer
    /// Writers' transactions with events: `platform.units.withUnitOfWork { tx in ...; try await tx.publish(event) }`
    /// writes the events to the outbox in the transaction and wakes the relay after the commit,
    /// so writers never signal the relay themselves.
    public let units: UnitOfWorkRunner
    public let relay: OutboxRelay
    public let topicPrefix: String
    /// Woken after commits that wrote outbox rows (units of work, consumers' handlers).
    let relaySignal: WakeSignal
    let migrator: Migrator
    let logger: Logger

    public init(common: CommonConfiguration, database: PostgresConfiguration, schema: String, migrations: [Migration], logger: Logger) throws {
        self.logger = logger
        topicPrefix = common.kafkaTopicPrefix
        postgres = PostgresClient(configuration: database, logger: logger)
        migrator = Migrator(client: postgres, schema: schema, migrations: PlatformMigrations.all + migrations, logger: logger)
        producer = try KafkaProducer(
            configuration: KafkaProducerConfiguration(brokers: common.kafkaBrokers, clientId: "inkwell-\(common.serviceName)", messageTimeout: .seconds(10)),
            logger: logger
        )
        // Shared by the two ends only: the unit of work signals after a commit, the relay waits.
        relaySignal = WakeSignal()
        units = UnitOfWorkRunner(postgres: postgres, relaySignal: relaySignal, topicPrefix: topicPrefix)
        // The lease (30 s) outlives the producer's message timeout (10 s): see OutboxRelay.
        relay = OutboxRelay(postgres: postgres, producer: producer, signal: relaySignal, schema: schema, logger: logger)
    }

    /// Applies the platform's and the service's migrations, retrying with backoff while the
    /// database is unreachable, for at most `limit`; then throws the last error (the process
    /// exits and its supervisor restarts it). Several replicas may start at once: the
    /// ``Migrator``'s advisory lock lets one apply and the others find the work done.
    public func migrate(retryingFor limit: Duration = .seconds(60)) async throws {
        let deadline = ContinuousClock.now + limit
        var backoff: Duration = .milliseconds(200)
        while true {
            do {
                try await migrator.migrate()
                return
            } catch let error as PostgresError where error.kind == .connectionFailed && ContinuousClock.now + backoff < deadline {
                logger.warning("database not reachable yet; retrying migrations", metadata: ["error": "\(error)"])
                try await Task.sleep(for: backoff)
                backoff = min(backoff * 2, .seconds(5))
            }
        }
    }

    /// In start order.
    public var services: [any Service] { [postgres, producer, relay] }

    /// Database and broker reachable (migrations are applied before the server starts).
    public var readinessChecks: [ReadinessCheck] {
        let postgres = self.postgres, producer = self.producer
        return [
            ReadinessCheck("database") { await postgres.ping() },
            ReadinessCheck("broker") { await producer.isReachable(timeout: .seconds(2)) },
        ]
    }

    /// The `migrate` subcommand (a Kubernetes Job before a rollout): applies the platform's and
    /// the service's migrations and returns. Needs only the database.
    public static func migrate(database: PostgresConfiguration, schema: String, migrations: [Migration], logger: Logger) async throws {
        let postgres = PostgresClient(configuration: database, logger: logger)
        let migrator = Migrator(client: postgres, schema: schema, migrations: PlatformMigrations.all + migrations, logger: logger)
        do {
            try await migrator.migrate()
        } catch {
            await postgres.shutdown()
            throw error
        }
        await postgres.shutdown()
    }
}
