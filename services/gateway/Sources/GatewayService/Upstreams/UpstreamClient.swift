import Foundation
import HTTPTypes
import Hummingbird
import InkwellCore
import InkwellHTTPClient
import InkwellServiceKit
import Logging
import Metrics
import ServiceContextModule

/// Calls the services over libcurl with the gateway's deadline, passing the request id and trace
/// context on; an unreachable or slow service becomes a 503 problem, never a hung request.
public struct UpstreamClient: Sendable {
    let transport: any UpstreamTransport
    let baseURLs: [Upstream: String]
    let timeout: Duration
    /// One timer per service, made once: a metric looked up by label and dimensions on every
    /// call costs a registry lookup and a few allocations per request.
    let timers: [Upstream: Metrics.Timer]

    /// Request headers a service needs; hop-by-hop and spoofable identity headers stay behind.
    static let forwardedRequestHeaders: [HTTPField.Name] = [
        .contentType, .accept, .authorization, .ifMatch, .ifNoneMatch, .acceptLanguage, .userAgent,
    ]

    public init(transport: any UpstreamTransport, configuration: GatewayConfiguration) {
        self.transport = transport
        baseURLs = [.users: configuration.usersURL, .blog: configuration.blogURL, .comments: configuration.commentsURL]
        timeout = configuration.upstreamTimeout
        timers = Dictionary(uniqueKeysWithValues: Upstream.allCases.map { upstream in
            (upstream, Metrics.Timer(label: "inkwell_gateway_upstream_seconds", dimensions: [("upstream", upstream.rawValue)]))
        })
    }

    /// Sends a client's request on to `upstream` (its forwarded headers, its request id and trace).
    public func send(_ upstream: Upstream, method: String, pathAndQuery: String, headers: HTTPFields, body: [UInt8]?, context: InkwellRequestContext) async throws -> HTTPClientResponse {
        try await send(upstream, method: method, pathAndQuery: pathAndQuery, headers: headers, body: body, call: UpstreamCall(context))
    }

    /// Sends a request to `upstream` with the gateway's deadline; the service's answer, whatever
    /// its status, or a 503 problem when there is none in time.
    public func send(_ upstream: Upstream, method: String, pathAndQuery: String, headers: HTTPFields = [:], body: [UInt8]? = nil, call: UpstreamCall) async throws -> HTTPClientResponse {
        var outgoing: [HTTPHeader] = []
        for name in Self.forwardedRequestHeaders {
            for value in headers[values: name] { outgoing.append(HTTPHeader(name: name.canonicalName, value: value)) }
        }
        outgoing.append(HTTPHeader(name: "X-Request-Id", value: call.requestId))
        let start = ContinuousClock.now
        var timeout = timeout
        if let deadline = call.deadline {
            // Past the request's deadline nothing is asked: the part is missing at once.
            guard deadline > start else { throw Self.unavailable(upstream, kind: "deadline", call: call) }
            timeout = min(timeout, deadline - start)
        }
        let request = HTTPClientRequest(method: method, url: baseURLs[upstream]! + pathAndQuery, headers: outgoing, body: body, timeout: timeout)
        do {
            // In the call's context: the transport's client span (and the `traceparent` it sends)
            // continue the request's trace, or the caller's forwarded one.
            let response = try await ServiceContext.withValue(call.serviceContext) { try await transport.execute(request) }
            timers[upstream]?.recordNanoseconds((ContinuousClock.now - start).nanoseconds)
            return response
        } catch let error as HTTPClientError {
            throw Self.unavailable(upstream, kind: "\(error.kind)", call: call)
        }
    }

    /// Counts and logs a call without an answer; the 503 problem a client gets for it.
    static func unavailable(_ upstream: Upstream, kind: String, call: UpstreamCall) -> HTTPProblem {
        Counter(label: "inkwell_gateway_upstream_failures_total", dimensions: [("upstream", upstream.rawValue), ("kind", kind)]).increment()
        call.logger.warning("upstream unavailable", metadata: ["upstream": "\(upstream.rawValue)", "error": "\(kind)"])
        return HTTPProblem.unavailable("The \(upstream.rawValue) service is unavailable; try again shortly.", retryAfter: 1)
    }
}
