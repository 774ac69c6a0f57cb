import Foundation
import InkwellDataKit
import InkwellServiceKit
import Testing

@Suite struct ConfigurationDescriptionTests {
    /// A service described by the same readers its configuration uses.
    enum Sample: DescribedService {
        static let executableName = "inkwell-sample"
        static let defaultPort = 8099
        static var configurationReaders: [String: (EnvironmentConfiguration) throws -> Void] {
            [
                "serve": { env in
                    _ = try DataServiceConfiguration(serviceName: "sample", defaultPort: defaultPort, env: env) { env in
                        _ = env.url("jwks.url", required: true)
                        _ = CursorCodec(configuration: env)
                    }
                },
                "migrate": { _ = try DataServiceConfiguration.database(serviceName: "sample", env: $0) },
            ]
        }
    }

    @Test func recordsEveryReadWithDefaultRequiredAndSecret() {
        let env = EnvironmentConfiguration(environment: ["HTTP_PORT": "9000"])
        _ = CommonConfiguration(serviceName: "t", env: env, defaultPort: 8081)
        _ = env.postgres(applicationName: "t")
        _ = env.url("smtp.url", required: false, schemes: ["smtp"], secret: true)
        let byName = Dictionary(uniqueKeysWithValues: env.variables.map { ($0.name, $0) })
        #expect(env.variables.map(\.name) == [
            "HTTP_HOST", "HTTP_PORT", "HTTP_IDLE_TIMEOUT_SECONDS", "KAFKA_BROKERS", "KAFKA_TOPIC_PREFIX", "LOG_LEVEL", "LOG_FORMAT",
            "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_SERVICE_NAME", "DATABASE_URL", "DATABASE_POOL_SIZE", "SMTP_URL",
        ])
        // The default is the code's default, not the value set in this environment.
        #expect(byName["HTTP_PORT"] == ConfigurationVariable(name: "HTTP_PORT", required: false, secret: false, defaultValue: "8081", expected: "a whole number in 1...65535"))
        #expect(byName["KAFKA_BROKERS"]?.required == true)
        #expect(byName["KAFKA_BROKERS"]?.secret == false)
        #expect(byName["DATABASE_URL"]?.required == true)
        #expect(byName["DATABASE_URL"]?.secret == true)
        #expect(byName["SMTP_URL"]?.secret == true)
        #expect(byName["SMTP_URL"]?.required == false)
        #expect(byName["LOG_FORMAT"]?.defaultValue == "text")
        #expect(byName["LOG_FORMAT"]?.expected == "one of text, json")
    }

    @Test func aVariableReadTwiceIsListedOnceAndKeepsTheStricterRead() {
        let env = EnvironmentConfiguration(environment: [:])
        _ = env.optionalString("jwks.url")
        _ = env.url("jwks.url", required: true, secret: true)
        #expect(env.variables.count == 1)
        #expect(env.variables.first?.required == true)
        #expect(env.variables.first?.secret == true)
    }

    @Test func describesEachCommandFromAnEmptyEnvironment() throws {
        let description = Sample.configurationDescription()
        #expect(description.program == "inkwell-sample")
        #expect(description.defaultPort == 8099)
        #expect(description.health == ConfigurationDescription.Health(live: "/health/live", ready: "/health/ready"))
        #expect(description.variables(of: "migrate").map(\.name) == ["DATABASE_URL", "DATABASE_POOL_SIZE"])
        let serve = description.variables(of: "serve")
        #expect(serve.filter(\.required).map(\.name).sorted() == ["DATABASE_URL", "JWKS_URL", "KAFKA_BROKERS"])
        #expect(serve.filter(\.secret).map(\.name).sorted() == ["CURSOR_SECRET", "DATABASE_URL"])
        #expect(serve.first { $0.name == "HTTP_PORT" }?.defaultValue == "8099")
    }

    /// Every variable an empty environment is rejected for is described as required: the
    /// description and the validation are one code path.
    @Test func everyMissingVariableIsDescribedAsRequired() {
        let env = EnvironmentConfiguration(environment: [:])
        _ = try? Sample.configurationReaders["serve"]!(env)
        let missing = env.problems.compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(!missing.isEmpty)
        #expect(Set(missing) == Set(env.variables.filter(\.required).map(\.name)))
    }

    @Test func printsStableJSONWithNullDefaults() throws {
        let json = try Sample.configurationDescription().json()
        let decoded = try JSONDecoder().decode(ConfigurationDescription.self, from: Data(json.utf8))
        #expect(decoded == Sample.configurationDescription())
        #expect(json.contains("\"default\" : null"))
        #expect(json.contains("\"name\" : \"CURSOR_SECRET\""))
        #expect(try Sample.configurationDescription().json() == json)
    }

    @Test func healthcheckTargetsLoopbackWhenBoundToEveryAddress() throws {
        #expect(try HealthcheckCommand<Sample>.url(environment: [:]) == "http://127.0.0.1:8099/health/live")
        #expect(try HealthcheckCommand<Sample>.url(environment: ["HTTP_HOST": "0.0.0.0", "HTTP_PORT": "9001"]) == "http://127.0.0.1:9001/health/live")
        #expect(try HealthcheckCommand<Sample>.url(environment: ["HTTP_HOST": "::1"]) == "http://[::1]:8099/health/live")
        #expect(throws: ConfigurationError.self) { try HealthcheckCommand<Sample>.url(environment: ["HTTP_PORT": "x"]) }
    }
}
