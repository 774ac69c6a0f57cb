import InkwellServiceKit
import Testing
import UsersService

/// `inkwell-users config`: the variables `serve` and `migrate` really read, secrets marked.
@Suite struct UsersConfigurationDescriptionTests {
    @Test func describesServeAndMigrate() {
        let description = UsersApp.configurationDescription()
        #expect(description.program == "inkwell-users")
        #expect(description.defaultPort == 8081)
        #expect(description.variables(of: "migrate").map(\.name) == ["DATABASE_URL", "DATABASE_POOL_SIZE"])
        let serve = description.variables(of: "serve")
        #expect(serve.filter(\.required).map(\.name).sorted() == ["DATABASE_URL", "KAFKA_BROKERS"])
        #expect(serve.filter(\.secret).map(\.name).sorted() == ["DATABASE_URL", "SMTP_URL"])
        #expect(serve.first { $0.name == "MAIL_FROM" }?.defaultValue == UsersConfiguration.defaultMailFrom)
    }

    @Test func requiredMeansRejectedWhenMissing() {
        let env = EnvironmentConfiguration(environment: [:])
        #expect(throws: ConfigurationError.self) { try UsersConfiguration(env: env) }
        let missing = Set(env.problems.compactMap { $0.split(separator: " ").first.map(String.init) })
        #expect(missing == Set(env.variables.filter(\.required).map(\.name)))
    }
}
