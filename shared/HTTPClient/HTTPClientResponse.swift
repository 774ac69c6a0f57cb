/// The response to an ``HTTPClientRequest``. Any status, including 4xx and 5xx, is a response.
public struct HTTPClientResponse: Sendable {
    /// The status code of the final response (after any `100 Continue`).
    public var status: Int
    /// The headers of the final response, in the order received.
    public var headers: [HTTPHeader]
    /// The complete body (never more than ``HTTPClient/Configuration/maxResponseBodySize`` bytes).
    public var body: [UInt8]
    /// Whether the request went over a kept-alive connection from the pool
    /// (libcurl opened no new connection for it).
    public var connectionReused: Bool
    /// The time from the start of the transfer to its end, as measured by libcurl
    /// (includes any wait for a free connection).
    public var totalTime: Duration

    public init(status: Int, headers: [HTTPHeader], body: [UInt8], connectionReused: Bool, totalTime: Duration) {
        self.status = status
        self.headers = headers
        self.body = body
        self.connectionReused = connectionReused
        self.totalTime = totalTime
    }

    /// The value of the first header named `name` (compared case-insensitively), or `nil`.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }
}
