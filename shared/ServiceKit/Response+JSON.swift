import Hummingbird

extension Response {
    /// A JSON answer from bytes already encoded (``ByteBuffer/init(json:)``, or kept by a cache),
    /// with ``JSONResponse``'s content type.
    public static func json(body: ByteBuffer, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: body))
    }
}
