import InkwellFileSink

/// Where the gateway reads the reading site's files from (`PAGES_SINK`): a directory through a
/// small in-memory cache (``DirectorySiteFiles``) or a WebDAV file server (``WebDAVSiteFiles``).
/// The one way the gateway serves a file (pages, feeds, assets and media alike).
protocol SiteFiles: Sendable {
    /// The file at `path`. `conditional` is the client's validators, which a file server may
    /// evaluate itself (answering ``SiteFileAnswer/notModified(eTag:lastModified:)``); a
    /// source that ignores them returns the file and lets ``ConditionalRequest`` decide.
    func file(_ path: SinkPath, conditional: ConditionalRequest) async throws(FileSinkError) -> SiteFileAnswer
}
