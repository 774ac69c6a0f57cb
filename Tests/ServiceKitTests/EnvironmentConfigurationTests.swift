import InkwellDataKit
import InkwellServiceKit
import Testing

@Suite struct EnvironmentConfigurationTests {
    @Test func collectsEveryProblemWithTheVariableName() {
        let env = EnvironmentConfiguration(environment: ["HTTP_PORT": "0", "LOG_FORMAT": "xml", "USERS_URL": "nope"])
        _ = CommonConfiguration(serviceName: "t", env: env, defaultPort: 1)
        _ = env.url("users.url", required: true)
        _ = env.url("blog.url", required: true)
        #expect(throws: ConfigurationError.self) { try env.validate() }
        let lines = env.problems
        #expect(lines.count == 5, "\(lines)")
        for variable in ["HTTP_PORT", "LOG_FORMAT", "USERS_URL", "BLOG_URL", "KAFKA_BROKERS"] {
            #expect(lines.filter { $0.hasPrefix(variable + " ") }.count == 1, "\(variable): \(lines)")
        }
    }

    @Test func defaultsAndValues() throws {
        let env = EnvironmentConfiguration(environment: ["KAFKA_BROKERS": "127.0.0.1:9092", "KAFKA_TOPIC_PREFIX": "dev.", "LOG_LEVEL": "debug"])
        let common = CommonConfiguration(serviceName: "t", env: env, defaultPort: 8081)
        try env.validate()
        #expect(common.httpPort == 8081)
        #expect(common.httpHost == "127.0.0.1")
        #expect(common.topic("users.events") == "dev.users.events")
        #expect(common.logLevel == .debug)
    }

    @Test func passwordsNeverAppearInErrors() {
        let env = EnvironmentConfiguration(environment: ["DATABASE_URL": "mysql://u:secret@h/db"])
        _ = env.postgres(applicationName: "t")
        #expect(!env.problems.joined().contains("secret"))
    }
}
