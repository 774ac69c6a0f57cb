import Hummingbird

/// Requests built by hand, for helpers that read only the head of a request.
enum TestRequests {
    static func get(_ uri: String, headers: HTTPFields = [:]) -> Request {
        Request(head: HTTPRequest(method: .get, scheme: "http", authority: "test", path: uri, headerFields: headers), body: RequestBody(buffer: ByteBuffer()))
    }
}
