import GatewayService
import InkwellServiceKit
import Testing

/// `inkwell-gateway config`: the variables its configuration really reads.
@Suite struct GatewayConfigurationDescriptionTests {
    @Test func describesWhatServeReads() throws {
        let description = GatewayApp.configurationDescription()
        #expect(description.program == "inkwell-gateway")
        #expect(description.defaultPort == 8080)
        #expect(description.commands.keys.sorted() == ["serve"])
        let serve = description.variables(of: "serve")
        #expect(serve.filter(\.required).map(\.name).sorted() == ["BLOG_URL", "COMMENTS_URL", "KAFKA_BROKERS", "USERS_URL"])
        #expect(serve.filter(\.secret).isEmpty)
        #expect(serve.first { $0.name == "UPSTREAM_TIMEOUT_MS" }?.defaultValue == "5000")
        #expect(serve.contains { $0.name == "PAGES_SINK" })
    }

    /// The variables an empty environment is rejected for are exactly the described required ones.
    @Test func requiredMeansRejectedWhenMissing() {
        let env = EnvironmentConfiguration(environment: [:])
        #expect(throws: ConfigurationError.self) { try GatewayConfiguration(env: env) }
        let missing = Set(env.problems.compactMap { $0.split(separator: " ").first.map(String.init) })
        #expect(missing == Set(env.variables.filter(\.required).map(\.name)))
    }
}
