/// The answer to `POST /api/v1/media` (API.md): where the stored image is served, its type and size.
public struct MediaUpload: Codable, Sendable, Equatable {
    /// `/media/<sha256>.<ext>`, relative to the site's one public URL (the gateway's), where
    /// the file server's files are served.
    public var url: String
    /// The image's media type, e.g. `image/png`.
    public var contentType: String
    /// The size in bytes.
    public var size: Int

    public init(url: String, contentType: String, size: Int) {
        self.url = url
        self.contentType = contentType
        self.size = size
    }
}
