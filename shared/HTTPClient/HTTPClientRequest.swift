/// An outgoing HTTP request for ``HTTPClient/execute(_:)``.
public struct HTTPClientRequest: Sendable {
    /// The method, sent verbatim (`GET`, `PUT`, `DELETE`, `MKCOL`, ...). `HEAD` expects no body.
    public var method: String
    /// An absolute `http://` or `https://` URL. Redirects are never followed.
    public var url: String
    /// Extra headers. Without a `Content-Type` here, a request body is sent without one.
    public var headers: [HTTPHeader]
    /// The request body, sent with a `Content-Length` (and no `Expect: 100-continue`). `nil` sends
    /// no body, except that `POST`, `PUT` and `PATCH` then send an empty one (`Content-Length: 0`).
    public var body: [UInt8]?
    /// The limit for the whole exchange (connect, send, receive); `nil` uses
    /// ``HTTPClient/Configuration/defaultTimeout``.
    public var timeout: Duration?

    public init(method: String = "GET", url: String, headers: [HTTPHeader] = [], body: [UInt8]? = nil, timeout: Duration? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}
