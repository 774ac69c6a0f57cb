import Logging

/// swift-log's `StreamLogHandler` (standard error, `LOG_FORMAT=text`) with its metadata kept
/// aside and rendered only when a line is written.
///
/// Why: `StreamLogHandler` renders its whole metadata into a string whenever a key is set, and
/// Hummingbird sets `hb.request.id` on a copy of the logger for every request: 3 % of the
/// gateway's CPU on a cached read (profile), for lines that are almost never written. The lines
/// it writes are the same (its rendering sorts the keys either way).
public struct TextLogHandler: LogHandler {
    private var stream: StreamLogHandler
    public var metadata: Logger.Metadata = [:]

    /// Writes to standard error, with `metadataProvider`'s metadata in every line.
    public init(label: String, metadataProvider: Logger.MetadataProvider?) {
        stream = StreamLogHandler.standardError(label: label, metadataProvider: metadataProvider)
    }

    public var logLevel: Logger.Level {
        get { stream.logLevel }
        set { stream.logLevel = newValue }
    }

    public var metadataProvider: Logger.MetadataProvider? {
        get { stream.metadataProvider }
        set { stream.metadataProvider = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var handler = stream
        handler.metadata = metadata
        handler.log(event: event)
    }
}
