/// Why a request or a mail failed. An HTTP error status is not an ``HTTPClientError``.
public struct HTTPClientError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable {
        /// The request (or its connect phase) took longer than its timeout.
        case timeout
        /// Nobody accepted the TCP connection.
        case connectionRefused
        /// The host name did not resolve.
        case couldNotResolveHost
        /// The awaiting task was cancelled; the transfer was removed.
        case cancelled
        /// The response body exceeded ``HTTPClient/Configuration/maxResponseBodySize``.
        case responseTooLarge
        /// The URL is malformed or has a scheme this call does not allow.
        case invalidURL
        /// The client was shut down before the request completed.
        case shutdown
        /// Any other failure (TLS, connection reset, protocol error, SMTP rejection, invalid header).
        case transport
    }

    public let kind: Kind
    /// libcurl's description of the failure. It never contains request bodies or URL credentials.
    public let message: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "HTTPClientError.\(kind): \(message)" }
}
