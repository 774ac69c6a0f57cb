import Foundation
import Hummingbird
import InkwellCore

/// The RFC 9457 body: `{"type", "title", "status", "detail", "errors", "instance"}`.
public struct ProblemDetails: Codable, Sendable, Equatable {
    public var type: String
    public var title: String
    public var status: Int
    public var detail: String?
    public var errors: [FieldError]?
    public var instance: String?

    public init(type: String, title: String, status: Int, detail: String? = nil, errors: [FieldError]? = nil, instance: String? = nil) {
        self.type = type
        self.title = title
        self.status = status
        self.detail = detail
        self.errors = errors
        self.instance = instance
    }

    public static let mediaType = "application/problem+json"

    public func response(status: HTTPResponse.Status, headers extra: HTTPFields = [:]) -> Response {
        let body = (try? InkwellJSON.encoder.encode(self)) ?? Data(#"{"title":"Internal Server Error","status":500}"#.utf8)
        var headers = extra
        headers[.contentType] = Self.mediaType
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
