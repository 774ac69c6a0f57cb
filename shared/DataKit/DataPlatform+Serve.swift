import Hummingbird
import InkwellPostgres
import InkwellServiceKit
import Logging
import Prometheus

extension DataPlatform {
    /// `inkwell-<service> serve` of a data-owning service, the one start-up path: observability (tracing too),
    /// the platform, migrations (before the service group starts), then the application that
    /// `build` composes (the service's App+build.swift), run until a stop signal.
    public static func serve<App: ApplicationProtocol>(
        common: CommonConfiguration, database: PostgresConfiguration, schema: String, migrations: [Migration],
        build: (DataPlatform, PrometheusCollectorRegistry, Logger) throws -> App
    ) async throws {
        let registry = Observability.bootstrap(common)
        let logger = Observability.logger(common)
        let exporter = try OTLPTracing.bootstrap(common)
        let platform = try DataPlatform(common: common, database: database, schema: schema, migrations: migrations, logger: logger)
        try await platform.migrate()
        try await OTLPTracing.run(try build(platform, registry, logger), exporter: exporter, logger: logger)
    }
}
