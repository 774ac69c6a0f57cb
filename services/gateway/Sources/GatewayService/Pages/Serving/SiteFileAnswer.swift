/// What a ``SiteFiles`` source has at a path.
enum SiteFileAnswer: Sendable {
    /// The file, whole.
    case found(SiteFile)
    /// The file server answered a conditional request with 304 (WebDAV): the client's copy is
    /// current; the validators it sent back.
    case notModified(eTag: String?, lastModified: String?)
    /// No file at the path.
    case missing
}
