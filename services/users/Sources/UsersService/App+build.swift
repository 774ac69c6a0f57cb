import InkwellCore
import Foundation
import Hummingbird
import InkwellAuth
import InkwellDataKit
import InkwellEvents
import InkwellHTTPClient
import InkwellPasswords
import InkwellPostgres
import InkwellServiceKit
import Logging
import Prometheus

/// The users service's composition root.
public enum UsersApp {
    public static let schema = "users"
    /// The HTTP port when `HTTP_PORT` is unset.
    public static let defaultPort = 8081

    /// The migrations shipped with the service (Migrations/*.sql).
    public static func migrations() throws -> [Migration] {
        try Migration.load(resourcesOf: .module)
    }

    public static func buildApplication(configuration: UsersConfiguration, platform: DataPlatform, registry: PrometheusCollectorRegistry, logger: Logger) -> some ApplicationProtocol {
        let mailSignal = WakeSignal()
        let users = PostgresUserRepository(units: platform.units, mailSignal: mailSignal)
        let hasher = PasswordHasher(threads: configuration.passwordHashThreads)
        let keyRing = KeyRing(repository: PostgresSigningKeyRepository(postgres: platform.postgres), logger: logger, reloadInterval: configuration.signingKeysReload)
        let sessions = SessionIssuer(keyRing: keyRing, refreshTokens: PostgresRefreshTokenRepository(postgres: platform.postgres))
        let mailer = AccountMailer(from: configuration.mailFrom, publicBaseURL: configuration.publicBaseURL)
        let transport: any MailTransport = if let smtpURL = configuration.smtpURL {
            SMTPMailTransport(http: HTTPClient(logger: logger), url: smtpURL)
        } else {
            DirectoryMailTransport(directory: configuration.mailDirectory)
        }
        let mailSender = MailSender(queue: PostgresMailQueue(postgres: platform.postgres), mailer: mailer, transport: transport, signal: mailSignal, logger: logger)
        let authenticator = Authenticator(keyRing: keyRing)

        return InkwellApplication.make(
            common: configuration.common, registry: registry, logger: logger,
            readiness: platform.readinessChecks + [ReadinessCheck("signing_keys") { keyRing.isLoaded }],
            // After the platform's (the pool first): shut down before the pool closes.
            services: platform.services + [keyRing, mailSender]
        ) { routes in
            AuthController(
                users: users, loginAttempts: PostgresLoginAttemptRepository(postgres: platform.postgres), sessions: sessions, mailer: mailer,
                hasher: hasher, bootstrapAdminEmail: configuration.bootstrapAdminEmail
            ).register(on: routes)
            UsersController(users: users, authenticator: authenticator, hasher: hasher).register(on: routes)
            JWKSController(keyRing: keyRing).register(on: routes)
            InternalUsersController(users: users).register(on: routes)
            // A trivial route through the same middleware chain as every route: `make bench`'s
            // `hello` measures the edge's own cost beside a database read (`direct-profile`).
            routes.on("/internal/v1/hello", .get) { _, _ in JSONResponse(["hello": "world"]) }
        }
    }

    /// `inkwell-users serve`.
    public static func serve(environment: [String: String] = ProcessInfo.processInfo.environment) async throws {
        let configuration = try UsersConfiguration(environment: environment)
        try await DataPlatform.serve(common: configuration.common, database: configuration.database, schema: schema, migrations: try migrations()) { platform, registry, logger in
            buildApplication(configuration: configuration, platform: platform, registry: registry, logger: logger)
        }
    }

    /// `inkwell-users migrate`.
    public static func migrate(environment: [String: String] = ProcessInfo.processInfo.environment) async throws {
        let database = try UsersConfiguration.database(environment: environment)
        let logger = Logger(label: "inkwell.users.migrate")
        try await DataPlatform.migrate(database: database, schema: schema, migrations: try migrations(), logger: logger)
    }

    /// `inkwell-users rotate-keys`: applies migrations, retires the signing key and adds a new one
    /// that signs from now on (serving replicas pick it up within their reload interval). The old
    /// public key stays in the JWKS until tokens signed with it have expired. Returns the new kid.
    public static func rotateKeys(environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> String {
        let database = try UsersConfiguration.database(environment: environment)
        let logger = Logger(label: "inkwell.users.rotate-keys")
        try await DataPlatform.migrate(database: database, schema: schema, migrations: try migrations(), logger: logger)
        let postgres = PostgresClient(configuration: database, logger: logger)
        return try await withThrowingTaskGroup(of: String?.self) { group in
            group.addTask { try await postgres.run(); return nil }
            let key = try await PostgresSigningKeyRepository(postgres: postgres).rotate()
            group.cancelAll()
            return key.kid
        }
    }
}
