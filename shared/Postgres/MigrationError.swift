/// Why migrations could not be loaded or applied (server errors stay ``PostgresError``).
public enum MigrationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A `.sql` file not named `NNNN_name.sql`.
    case invalidFileName(String)
    /// Two migrations with the same number.
    case duplicateVersion(Int, files: [String])
    /// The directory or a file could not be read.
    case unreadable(path: String, reason: String)
    /// An applied migration's SQL differs from what was applied (the file was edited afterwards).
    case checksumMismatch(version: Int, name: String, applied: String, current: String)

    public var description: String {
        switch self {
        case .invalidFileName(let file):
            "migration file \(file) is not named NNNN_name.sql"
        case .duplicateVersion(let version, let files):
            "migrations \(files.joined(separator: " and ")) have the same number \(version)"
        case .unreadable(let path, let reason):
            "cannot read \(path): \(reason)"
        case .checksumMismatch(let version, let name, let applied, let current):
            "migration \(version) (\(name)) was changed after it was applied (applied checksum \(applied.prefix(12)), file \(current.prefix(12))): add a new migration instead"
        }
    }
}
