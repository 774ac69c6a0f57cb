import Crypto
import Foundation

/// One schema migration: a numbered SQL file such as `0001_create_users.sql`.
public struct Migration: Sendable, Hashable {
    /// The number from the file name; migrations apply in ascending order.
    public let version: Int
    /// The rest of the file name (`create_users`).
    public let name: String
    /// The file's SQL (several statements are fine; it runs inside one transaction).
    public let sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// SHA-256 of the SQL as lowercase hex, recorded when applied so a later edit of an applied
    /// file is detected.
    public var checksum: String { SHA256.lowercaseHex(of: Array(sql.utf8)) }
}

extension Migration {
    /// Loads every `NNNN_name.sql` in `directory`, sorted by number.
    ///
    /// Throws ``MigrationError`` for a `.sql` file whose name does not match (digits, underscore, a
    /// name of letters, digits and underscores), for two files with the same number, and for an
    /// unreadable directory. Other files (README, .DS_Store) are ignored.
    public static func load(directory: URL) throws -> [Migration] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw MigrationError.unreadable(path: directory.path, reason: "\(error)")
        }
        var migrations: [Migration] = []
        var seen: [Int: String] = [:]
        for file in names.sorted() where file.hasSuffix(".sql") {
            let stem = file.dropLast(4)
            guard let underscore = stem.firstIndex(of: "_"),
                let version = Int(stem[..<underscore]),
                stem[..<underscore].allSatisfy({ $0.isASCII && $0.isNumber }),
                version > 0
            else {
                throw MigrationError.invalidFileName(file)
            }
            let name = String(stem[stem.index(after: underscore)...])
            guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
                throw MigrationError.invalidFileName(file)
            }
            if let other = seen[version] {
                throw MigrationError.duplicateVersion(version, files: [other, file])
            }
            seen[version] = file
            let sql: String
            do {
                sql = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            } catch {
                throw MigrationError.unreadable(path: directory.appendingPathComponent(file).path, reason: "\(error)")
            }
            migrations.append(Migration(version: version, name: name, sql: sql))
        }
        return migrations.sorted { $0.version < $1.version }
    }
}
