import InkwellHTTPClient

/// What the gateway sends a service's request over: libcurl (``InkwellHTTPClient/HTTPClient``)
/// in production, a recording fake in the gateway's tests.
public protocol UpstreamTransport: Sendable {
    /// Sends `request` and returns the service's answer; throws `HTTPClientError` when there is
    /// none (refused, timed out, broken).
    func execute(_ request: HTTPClientRequest) async throws -> HTTPClientResponse
}
