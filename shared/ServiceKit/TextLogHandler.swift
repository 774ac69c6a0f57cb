import Logging

/// swift-log's `StreamLogHandler` (standard error, `LOG_FORMAT=text`) with its metadata kept
/// aside and rendered only when a line is written.
///
/// Why: `StreamLogHandler` renders its whole metadata into a string whenever a key is set, and
/// Hummingbird sets `hb.request.id` on a copy of the logger for every request: 3 % of the
/// gateway's CPU on a cached read (profile), for lines that are almost never written. The lines
/// it writes are the same (its rendering sorts the keys either way).
///
/// What a copy carries is kept small (metadata, level, one reference to the unchanging output):
/// it fits in an existential's inline buffer, so the per-request copy of the logger allocates
/// no box for the handler.
public struct TextLogHandler: LogHandler {
    /// The stream handler, its label and metadata provider: shared by every copy, replaced
    /// (never changed) when the provider is set.
    private final class Output: Sendable {
        let stream: StreamLogHandler
        init(_ stream: StreamLogHandler) { self.stream = stream }
    }

    private var output: Output
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level

    /// Writes to standard error, with `metadataProvider`'s metadata in every line.
    public init(label: String, metadataProvider: Logger.MetadataProvider?) {
        let stream = StreamLogHandler.standardError(label: label, metadataProvider: metadataProvider)
        output = Output(stream)
        logLevel = stream.logLevel
    }

    public var metadataProvider: Logger.MetadataProvider? {
        get { output.stream.metadataProvider }
        set {
            var stream = output.stream
            stream.metadataProvider = newValue
            output = Output(stream)
        }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var handler = output.stream
        handler.logLevel = logLevel
        handler.metadata = metadata
        handler.log(event: event)
    }
}
