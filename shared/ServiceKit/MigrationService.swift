import Foundation
import InkwellPostgres
import Logging
import ServiceLifecycle

/// Applies the service's migrations when it starts (retrying while the database is unreachable),
/// then marks the service ready and stays up until shutdown. Several replicas may start at once:
/// the ``Migrator``'s advisory lock lets one apply and the others find the work done.
public struct MigrationService: Service {
    let migrator: Migrator
    let applied: ReadinessFlag
    let logger: Logger

    public init(migrator: Migrator, applied: ReadinessFlag, logger: Logger) {
        self.migrator = migrator
        self.applied = applied
        self.logger = logger
    }

    public func run() async throws {
        var backoff: Duration = .milliseconds(200)
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                try await migrator.migrate()
                applied.set()
                break
            } catch {
                logger.warning("migrations not applied yet; retrying", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: backoff)
                backoff = min(backoff * 2, .seconds(5))
            }
        }
        try? await gracefulShutdown()
    }
}
