extension HTTPClient {
    /// Limits and timeouts of one ``HTTPClient``, fixed at creation.
    public struct Configuration: Sendable {
        /// The limit for establishing a TCP (and TLS) connection.
        public var connectTimeout: Duration = .seconds(2)
        /// The limit for a whole request when ``HTTPClientRequest/timeout`` is `nil`.
        public var defaultTimeout: Duration = .seconds(10)
        /// Open connections per host (`CURLMOPT_MAX_HOST_CONNECTIONS`); further requests wait for
        /// a free connection (the wait counts against their timeout). 0 means no limit.
        public var maxConnectionsPerHost: Int = 64
        /// Open connections in total (`CURLMOPT_MAX_TOTAL_CONNECTIONS`); 0 means no limit.
        public var maxTotalConnections: Int = 0
        /// Idle keep-alive connections kept for reuse (`CURLMOPT_MAXCONNECTS`).
        public var maxIdleConnections: Int = 256
        /// The largest response body accepted; a larger one fails with `.responseTooLarge`.
        public var maxResponseBodySize: Int = 32 << 20

        public init() {}
    }
}
