import InkwellFileSink

/// Stores checked uploads in the media sink (`MEDIA_SINK`) under ``MediaName``'s
/// content-addressed path. No database is involved.
public struct MediaStore: Sendable {
    let sink: any FileSink

    public init(sink: any FileSink) {
        self.sink = sink
    }

    /// Writes `bytes` (already checked to be a `kind` image) and describes the stored file.
    /// Writing the same bytes again replaces the file with an identical one, atomically.
    public func store(_ bytes: [UInt8], kind: MediaKind) async throws(FileSinkError) -> MediaUpload {
        let name = MediaName(bytes: bytes, kind: kind)
        try await sink.write(bytes, to: name.sinkPath, contentType: kind.contentType)
        return MediaUpload(url: name.urlPath, contentType: kind.contentType, size: bytes.count)
    }
}
