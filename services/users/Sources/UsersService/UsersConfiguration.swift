import Foundation
import InkwellPostgres
import InkwellServiceKit

/// The users service's environment (OPERATIONS.md), validated at start.
public struct UsersConfiguration: Sendable {
    public var common: CommonConfiguration
    public var database: PostgresConfiguration
    public var publicBaseURL: String
    public var bootstrapAdminEmail: String?
    /// `smtp://host:port` or `smtps://user:pass@host`; nil writes `.eml` files to ``mailDirectory``.
    public var smtpURL: String?
    public var mailFrom: MailAddress
    public var mailDirectory: String
    /// How often a replica rereads the signing keys (`SIGNING_KEYS_RELOAD_SECONDS`, default 30):
    /// the longest a rotated key takes to be used for signing.
    public var signingKeysReload: Duration
    /// Threads that hash passwords (`PASSWORD_HASH_THREADS`, default one less than the cores, at
    /// least one): a burst of logins can then never take every core from the other requests.
    public var passwordHashThreads: Int

    public static let defaultMailFrom = "Inkwell <no-reply@inkwell.local>"

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        try self.init(env: EnvironmentConfiguration(environment: environment))
    }

    /// Reads from `env` (which records every variable read, for `config`).
    public init(env: EnvironmentConfiguration) throws {
        common = CommonConfiguration(serviceName: "users", env: env, defaultPort: UsersApp.defaultPort)
        let database = env.postgres(applicationName: "inkwell-users")
        publicBaseURL = env.url("public.base.url", required: false, default: "http://127.0.0.1:8080") ?? ""
        bootstrapAdminEmail = env.optionalString("bootstrap.admin.email")?.lowercased()
        smtpURL = env.url("smtp.url", required: false, schemes: ["smtp", "smtps"], secret: true)
        let from = env.string("mail.from", default: Self.defaultMailFrom)
        if let parsed = MailAddress(parsing: from) {
            mailFrom = parsed
        } else {
            env.fail("mail.from", "must be an address or `Name <address>`, got \"\(from)\"")
            mailFrom = MailAddress(parsing: Self.defaultMailFrom)!
        }
        mailDirectory = env.string("mail.dir", default: ".inkwell/mail")
        signingKeysReload = .seconds(env.int("signing.keys.reload.seconds", default: 30, range: 1...300))
        passwordHashThreads = env.int("password.hash.threads", default: max(1, ProcessInfo.processInfo.activeProcessorCount - 1), range: 1...64)
        try env.validate()
        self.database = database!
    }

    /// Only what `migrate` and `rotate-keys` need.
    public static func database(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> PostgresConfiguration {
        try database(env: EnvironmentConfiguration(environment: environment))
    }

    /// ``database(environment:)`` reading from `env`.
    public static func database(env: EnvironmentConfiguration) throws -> PostgresConfiguration {
        let database = env.postgres(applicationName: "inkwell-users-admin")
        try env.validate()
        return database!
    }
}
