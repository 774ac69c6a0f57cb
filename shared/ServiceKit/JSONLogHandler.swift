import Foundation
import InkwellCore
import Logging

/// One JSON object per line on stderr (`LOG_FORMAT=json`, the default in containers).
///
/// Hand-written: swift-log ships only a text handler and no package of the chosen set has a JSON one.
///
/// What a copy carries is kept small (metadata, level, one reference to the label and provider):
/// it fits in an existential's inline buffer, so the copy of the logger Hummingbird makes for
/// every request (to set `hb.request.id`) allocates no box for the handler.
public struct JSONLogHandler: LogHandler {
    /// The label and metadata provider: shared by every copy, replaced (never changed) when the
    /// provider is set.
    private final class Source: Sendable {
        let label: String
        let metadataProvider: Logger.MetadataProvider?
        init(label: String, metadataProvider: Logger.MetadataProvider?) {
            self.label = label
            self.metadataProvider = metadataProvider
        }
    }

    private var source: Source
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info

    public var metadataProvider: Logger.MetadataProvider? {
        get { source.metadataProvider }
        set { source = Source(label: source.label, metadataProvider: newValue) }
    }

    var label: String { source.label }

    public init(label: String, metadataProvider: Logger.MetadataProvider? = nil) {
        self.source = Source(label: label, metadataProvider: metadataProvider)
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var object: [String: Any] = [
            "time": InkwellJSON.format(Date()),
            "level": event.level.rawValue,
            "logger": label,
            "message": event.message.description,
        ]
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        merged.merge(event.metadata ?? [:]) { _, new in new }
        for (key, value) in merged { object[key] = Self.plain(value) }
        guard var line = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
        line.append(0x0A)
        FileHandle.standardError.write(line)
    }

    static func plain(_ value: Logger.MetadataValue) -> Any {
        switch value {
        case .string(let s): s
        case .stringConvertible(let c): c.description
        case .array(let a): a.map(plain)
        case .dictionary(let d): d.mapValues(plain)
        }
    }

    // swift-log's protocol requirement for the deprecated entry point.
    public func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String, function: String, line: UInt) {
        log(event: LogEvent(level: level, message: message, metadata: metadata, source: source, file: file, function: function, line: line))
    }
}
