import Foundation
import Hummingbird
import InkwellCore

extension Request {
    /// Decodes a JSON body with the API's rules: `Content-Type` must be JSON (415), the body at
    /// most the context's limit (413), syntactically valid (400) and of the right shape (422 naming
    /// the field).
    public func decodeJSON<T: Decodable>(as type: T.Type = T.self, context: InkwellRequestContext) async throws -> T {
        if let contentType = headers[.contentType], !Self.isJSON(contentType) {
            throw HTTPProblem(.unsupportedMediaType, detail: "Send the body as application/json.")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await body.collect(upTo: context.maxUploadSize)
        } catch {
            throw HTTPProblem(.contentTooLarge, detail: "The request body is larger than \(context.maxUploadSize) bytes.")
        }
        let data = Data(buffer: buffer)
        do {
            return try InkwellJSON.decoder.decode(T.self, from: data)
        } catch let error as DecodingError {
            throw Self.problem(for: error)
        }
    }

    static func isJSON(_ contentType: String) -> Bool {
        let media = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        return media == "application/json" || media.hasSuffix("+json")
    }

    static func problem(for error: DecodingError) -> HTTPProblem {
        func field(_ path: [any CodingKey], _ key: (any CodingKey)? = nil) -> String {
            let keys = (path + (key.map { [$0] } ?? [])).map { $0.intValue.map(String.init) ?? $0.stringValue }
            return keys.isEmpty ? "body" : keys.joined(separator: ".")
        }
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return .badRequest("The body is not valid JSON.")
        case .dataCorrupted(let context):
            return .validation([FieldError(field: field(context.codingPath), message: "has an invalid value")])
        case .keyNotFound(let key, let context):
            return .validation([FieldError(field: field(context.codingPath, key), message: "is required")])
        case .valueNotFound(_, let context):
            return .validation([FieldError(field: field(context.codingPath), message: "must not be null")])
        case .typeMismatch(let type, let context) where context.codingPath.isEmpty:
            return .badRequest("The body must be a JSON \(type is [Any].Type ? "array" : "object").")
        case .typeMismatch(let type, let context):
            return .validation([FieldError(field: field(context.codingPath), message: "must be \(Self.typeName(type))")])
        @unknown default:
            return .badRequest("The body could not be read.")
        }
    }

    static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type, is Int32.Type: "an integer"
        case is Double.Type: "a number"
        case is Bool.Type: "a boolean"
        default: type is [Any].Type ? "an array" : "an object"
        }
    }
}

/// A JSON response with the API's encoding conventions.
public struct JSONResponse<Body: Encodable & Sendable>: ResponseGenerator {
    public var status: HTTPResponse.Status
    public var body: Body
    public var headers: HTTPFields

    public init(_ body: Body, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) {
        self.body = body
        self.status = status
        self.headers = headers
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        Response.json(body: try ByteBuffer(json: body), status: status, headers: headers)
    }
}
