import InkwellCore
import Logging
import ServiceContextModule
import Tracing

/// An HTTP/1.1 (and SMTP) client over libcurl's multi interface.
///
/// One client owns one thread that runs every transfer, so any number of requests can be in
/// flight at once without blocking Swift's cooperative pool; connections are kept alive and
/// reused between requests to the same host. Create one client per process (or per
/// purpose) and share it. Redirects are never followed.
///
/// Call ``shutdown()`` when done; dropping the last reference also stops the thread, without
/// waiting.
public final class HTTPClient: Sendable {
    private let loop: CurlMultiLoop
    let configuration: Configuration
    private let logger: Logger

    /// Creates a client and starts its transfer thread.
    public init(configuration: Configuration = .init(), logger: Logger) {
        CurlGlobal.ensureInitialized()
        self.configuration = configuration
        self.logger = logger
        loop = CurlMultiLoop(configuration: configuration, logger: logger)
        loop.start()
    }

    deinit {
        // No task can be awaiting a request here (each holds the client), so nothing is lost.
        loop.requestShutdown()
    }

    /// Sends `request` and returns the complete response.
    ///
    /// Any HTTP status is a response. Throws ``HTTPClientError`` for transport failures, after
    /// the timeout, when the response body is too large, and with `.cancelled` as soon as the
    /// awaiting task is cancelled (the transfer is aborted).
    ///
    /// Traced: a client span per request (when a tracer records spans), and the task's
    /// `traceparent` (``ServiceContext/outgoingTraceparent``: that span's, or the one forwarded)
    /// sent unless the request has one.
    public func execute(_ request: HTTPClientRequest) async throws -> HTTPClientResponse {
        try Self.validate(method: request.method)
        try Self.validate(request.headers)
        return try await withSpan(request.method, ofKind: .client) { span in
            var request = request
            if let traceparent = ServiceContext.current?.outgoingTraceparent,
               !request.headers.contains(where: { $0.name.lowercased() == "traceparent" }) {
                request.headers.append(HTTPHeader(name: "traceparent", value: traceparent))
            }
            // Only a recording span is given attributes: a no-op span's would still be built.
            if span.isRecording {
                span.attributes["http.request.method"] = request.method
                span.attributes["url.full"] = request.url
            }
            let transfer = CurlTransfer(
                job: .http(request),
                timeout: request.timeout ?? configuration.defaultTimeout,
                maxResponseBodySize: configuration.maxResponseBodySize
            )
            let response = try await run(transfer)
            if span.isRecording {
                span.attributes["http.response.status_code"] = response.status
                if response.status >= 500 { span.setStatus(.init(code: .error)) }
            }
            return response
        }
    }

    /// Fails every request in flight with `.shutdown` and stops the transfer thread.
    /// Later calls to ``execute(_:)`` fail with `.shutdown`. Calling it again does nothing.
    public func shutdown() async {
        await loop.shutdown()
    }

    /// Transfers currently inside libcurl (for tests).
    var activeTransferCount: Int { loop.activeCount }

    /// Hands `transfer` to the loop thread and waits for it, turning task cancellation into
    /// removal of the transfer.
    func run(_ transfer: CurlTransfer) async throws -> HTTPClientResponse {
        let loop = self.loop
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                guard transfer.begin(continuation) else { return }
                if !loop.submit(transfer) {
                    transfer.finish(.failure(HTTPClientError(kind: .shutdown, message: "the HTTP client was shut down")))
                }
            }
        } onCancel: {
            if transfer.cancel() { loop.remove(transfer) }
        }
    }

    /// The method goes into the request line verbatim: it must be an RFC 9110 token.
    private static func validate(method: String) throws(HTTPClientError) {
        let valid = !method.isEmpty && method.utf8.allSatisfy(isTokenByte)
        if !valid { throw HTTPClientError(kind: .transport, message: "invalid method \"\(method.prefix(32))\"") }
    }

    /// An RFC 9110 `tchar` (checked per request: no set to build).
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
            true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"), UInt8(ascii: "'"),
             UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "_"),
             UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    /// Rejects header fields that would corrupt the request (header injection).
    private static func validate(_ headers: [HTTPHeader]) throws(HTTPClientError) {
        // Checked on bytes: as Characters, "\r\n" is a single grapheme equal to neither "\r" nor "\n".
        for header in headers {
            let badName = header.name.isEmpty || header.name.utf8.contains { $0 <= 0x20 || $0 == UInt8(ascii: ":") || $0 == 0x7F }
            let badValue = header.value.utf8.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0 }
            if badName || badValue {
                throw HTTPClientError(kind: .transport, message: "invalid header field \"\(header.name.prefix(64))\"")
            }
        }
    }
}
