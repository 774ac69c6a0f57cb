import InkwellHTTPClient
import Logging

/// A ``FileSink`` on a WebDAV server (`http(s)://host:port/prefix/`), such as nginx with
/// `dav_methods PUT DELETE MKCOL`, over the libcurl ``HTTPClient``.
///
/// - `write` is a `PUT` (the server makes it atomic: nginx writes a temporary file and renames
///   it). When the server answers 409 Conflict because a parent collection is missing (nginx
///   without `create_full_put_path on`), the collections are created with `MKCOL`, outermost
///   first (405, "already exists", is fine), and the `PUT` is sent once more.
/// - `delete` is a `DELETE`; 404 means it is already gone. Empty collections stay.
/// - `read` is a `GET`; 404 is `nil`.
/// - Every request has a timeout; a transport failure is `.transport(kind)`, an unexpected
///   status `.status(code)`. Paths are ``SinkPath`` values, made only of URL-unreserved
///   characters, so they are appended to the base URL as they are.
public struct WebDAVSink: FileSink {
    /// The collection the paths are relative to; always ends with `/`.
    public let baseURL: String
    private let client: HTTPClient
    private let timeout: Duration
    private let logger: Logger

    /// - Parameters:
    ///   - baseURL: an `http://` or `https://` URL of a collection (a `/` is appended if missing);
    ///     see ``FileSinkLocation`` for parsing a configuration value.
    ///   - client: the shared client; its `connectTimeout` bounds each connection attempt.
    ///   - timeout: the limit for each request (a write may send up to 2 + depth requests).
    public init(baseURL: String, client: HTTPClient, timeout: Duration = .seconds(10), logger: Logger) {
        self.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        self.client = client
        self.timeout = timeout
        self.logger = logger
    }

    public func write(_ bytes: [UInt8], to path: SinkPath, contentType: String) async throws(FileSinkError) {
        let headers = [HTTPHeader(name: "Content-Type", value: contentType)]
        var response = try await send("PUT", path, operation: .write, headers: headers, body: bytes)
        if response.status == 409 {
            try await createCollections(for: path)
            response = try await send("PUT", path, operation: .write, headers: headers, body: bytes)
        }
        guard (200..<300).contains(response.status) else { throw unexpected(response, "PUT", path, .write) }
    }

    public func delete(_ path: SinkPath) async throws(FileSinkError) {
        let response = try await send("DELETE", path, operation: .delete)
        guard (200..<300).contains(response.status) || response.status == 404 || response.status == 410 else {
            throw unexpected(response, "DELETE", path, .delete)
        }
    }

    public func read(_ path: SinkPath) async throws(FileSinkError) -> [UInt8]? {
        let response = try await send("GET", path, operation: .read)
        switch response.status {
        case 200: return response.body
        case 404, 410: return nil
        default: throw unexpected(response, "GET", path, .read)
        }
    }

    /// `MKCOL` for the base collection (unless it is the server's root) and each directory of
    /// `path`, outermost first: MKCOL needs its own parent to exist.
    private func createCollections(for path: SinkPath) async throws(FileSinkError) {
        var collections: [String] = []
        if !Self.isServerRoot(baseURL) { collections.append("") }
        var prefix = ""
        for directory in path.directories {
            prefix += directory + "/"
            collections.append(prefix)
        }
        for collection in collections {
            let response = try await send("MKCOL", relative: collection, path: path, operation: .write)
            switch response.status {
            case 201: logger.debug("created a WebDAV collection", metadata: ["collection": "\(collection)"])
            case 405: break  // it already exists
            default: throw unexpected(response, "MKCOL \(collection.isEmpty ? "(base)" : collection) for", path, .write)
            }
        }
    }

    private func send(_ method: String, _ path: SinkPath, operation: FileSinkError.Operation, headers: [HTTPHeader] = [], body: [UInt8]? = nil) async throws(FileSinkError) -> HTTPClientResponse {
        try await send(method, relative: path.string, path: path, operation: operation, headers: headers, body: body)
    }

    private func send(_ method: String, relative: String, path: SinkPath, operation: FileSinkError.Operation, headers: [HTTPHeader] = [], body: [UInt8]? = nil) async throws(FileSinkError) -> HTTPClientResponse {
        let request = HTTPClientRequest(method: method, url: baseURL + relative, headers: headers, body: body, timeout: timeout)
        do {
            return try await client.execute(request)
        } catch let error as HTTPClientError {
            throw FileSinkError(kind: .transport(error.kind), operation: operation, path: path, message: "\(method) failed: \(error.message)")
        } catch {
            throw FileSinkError(kind: .transport(.transport), operation: operation, path: path, message: "\(method) failed: \(error)")
        }
    }

    private func unexpected(_ response: HTTPClientResponse, _ what: String, _ path: SinkPath, _ operation: FileSinkError.Operation) -> FileSinkError {
        FileSinkError(kind: .status(response.status), operation: operation, path: path, message: "\(what) \(path) answered \(response.status)")
    }

    /// Whether `url` (with a trailing `/`) is `scheme://authority/`.
    static func isServerRoot(_ url: String) -> Bool {
        guard let schemeEnd = url.utf8.firstRange(of: "://".utf8) else { return false }
        let afterAuthority = url.utf8[schemeEnd.upperBound...].drop { $0 != UInt8(ascii: "/") }
        return afterAuthority.count == 1
    }
}
