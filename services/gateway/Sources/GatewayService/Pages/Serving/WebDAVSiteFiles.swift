import InkwellFileSink
import InkwellHTTPClient
import NIOCore

/// The reading site's files from a WebDAV file server (`PAGES_SINK=http://...`): a `GET` per
/// request through the shared HTTP client, with the client's validators passed on, so the file
/// server's `ETag`/`Last-Modified` and its 304s are the gateway's.
struct WebDAVSiteFiles: SiteFiles {
    /// The collection the paths are relative to; ends with `/`.
    let baseURL: String
    let client: HTTPClient
    let timeout: Duration

    init(baseURL: String, client: HTTPClient, timeout: Duration = .seconds(5)) {
        self.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        self.client = client
        self.timeout = timeout
    }

    func file(_ path: SinkPath, conditional: ConditionalRequest) async throws(FileSinkError) -> SiteFileAnswer {
        var headers: [HTTPHeader] = []
        if let value = conditional.ifNoneMatch { headers.append(HTTPHeader(name: "If-None-Match", value: value)) }
        if let value = conditional.ifModifiedSince { headers.append(HTTPHeader(name: "If-Modified-Since", value: value)) }
        let response: HTTPClientResponse
        do {
            // A SinkPath is made of URL-unreserved characters only: appended as it is.
            response = try await client.execute(HTTPClientRequest(method: "GET", url: baseURL + path.string, headers: headers, timeout: timeout))
        } catch let error as HTTPClientError {
            throw FileSinkError(kind: .transport(error.kind), operation: .read, path: path, message: "GET failed: \(error.message)")
        } catch {
            throw FileSinkError(kind: .transport(.transport), operation: .read, path: path, message: "GET failed: \(error)")
        }
        switch response.status {
        case 200:
            let eTag = response.header("ETag") ?? ContentHash.entityTag(of: response.body, count: response.body.count)
            let lastModified = response.header("Last-Modified")
            return .found(SiteFile(
                body: ByteBuffer(bytes: response.body), eTag: eTag, lastModified: lastModified,
                lastModifiedSeconds: lastModified.flatMap { HTTPDate.parse($0) }
            ))
        case 304:
            return .notModified(eTag: response.header("ETag"), lastModified: response.header("Last-Modified"))
        case 404, 410:
            return .missing
        default:
            throw FileSinkError(kind: .status(response.status), operation: .read, path: path, message: "GET \(path) answered \(response.status)")
        }
    }
}
