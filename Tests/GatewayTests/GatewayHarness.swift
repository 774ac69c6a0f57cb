import GatewayService
import Hummingbird
import HummingbirdTesting
import InkwellServiceKit
import Logging
import Prometheus

/// The gateway's real router (edge middleware, composed and proxied routes) in front of a
/// ``RecordingUpstream``, driven in process by HummingbirdTesting's router client.
enum GatewayHarness {
    static let usersURL = "http://users.test"
    static let blogURL = "http://blog.test"
    static let commentsURL = "http://comments.test"

    static func run<Value: Sendable>(
        upstream: RecordingUpstream = RecordingUpstream(), publicBaseURL: String = "",
        site: SiteFileServer? = nil, cache: ResponseCache? = nil,
        _ test: @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        let configuration = try GatewayConfiguration(environment: [
            "USERS_URL": usersURL, "BLOG_URL": blogURL, "COMMENTS_URL": commentsURL, "KAFKA_BROKERS": "127.0.0.1:9",  // never contacted
        ])
        let upstreams = UpstreamClient(transport: upstream, configuration: configuration)
        let app = GatewayApp.application(
            common: configuration.common, registry: PrometheusCollectorRegistry(), logger: Logger(label: "test.gateway"),
            readiness: [], services: [], upstreams: upstreams, publicBaseURL: publicBaseURL, site: site, cache: cache
        )
        return try await app.test(.router, test)
    }
}
