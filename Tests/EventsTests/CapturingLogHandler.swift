import Logging
import Synchronization

/// Keeps every log line (message and metadata), so a test can assert on what was logged.
struct CapturingLogHandler: LogHandler {
    final class Lines: Sendable {
        let entries = Mutex<[(message: String, metadata: [String: String])]>([])
        func contains(_ predicate: (String, [String: String]) -> Bool) -> Bool {
            entries.withLock { $0.contains { predicate($0.message, $0.metadata) } }
        }
    }

    let lines: Lines
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String, function: String, line: UInt) {
        let merged = self.metadata.merging(metadata ?? [:]) { $1 }.mapValues { "\($0)" }
        lines.entries.withLock { $0.append((message: "\(message)", metadata: merged)) }
    }
}
