/// One result row, already copied out of libpq (text format). Sendable and independent of any connection.
public struct PostgresRow: Sendable {
    /// Column names and types, shared by all rows of one result.
    final class Columns: Sendable {
        let names: [String]
        let types: [PostgresDataType]
        let indexByName: [String: Int]

        init(names: [String], types: [PostgresDataType]) {
            self.names = names
            self.types = types
            var index: [String: Int] = [:]
            // With duplicate names (e.g. two `id` columns from a join) the first one wins, as in libpq's PQfnumber.
            for (i, name) in names.enumerated() where index[name] == nil { index[name] = i }
            indexByName = index
        }
    }

    let columnInfo: Columns
    let values: [String?]

    init(columns: Columns, values: [String?]) {
        self.columnInfo = columns
        self.values = values
    }

    /// The column names in result order.
    public var columns: [String] { columnInfo.names }

    /// The column types in result order.
    public var columnTypes: [PostgresDataType] { columnInfo.types }

    /// Decodes the column named `column` (exact, case-sensitive as returned by the server).
    /// Throws `PostgresError` `.decoding` naming the column, its type and `T` on any mismatch.
    public func decode<T: PostgresDecodable>(column: String, as type: T.Type = T.self) throws -> T {
        try decode(at: index(ofColumn: column), as: type)
    }

    /// Decodes the column at `index` (0-based).
    public func decode<T: PostgresDecodable>(at index: Int, as type: T.Type = T.self) throws -> T {
        guard values.indices.contains(index) else {
            throw PostgresError(kind: .decoding, message: "column index \(index) out of range (row has \(values.count) columns)")
        }
        do {
            return try T.decode(from: PostgresValue(text: values[index], type: columnInfo.types[index]))
        } catch {
            // The name only on failure: every row of a read goes through here.
            let name = columnInfo.names[index]
            throw PostgresError(
                kind: .decoding,
                message: "cannot decode column \"\(name)\" (index \(index), type \(columnInfo.types[index])) as \(T.self): \(error)",
                column: name
            )
        }
    }

    /// The position of the column named `column` (the first, with duplicate names), for reading
    /// every row of one result by position: the rows of a result share their columns, so a
    /// reader looks its columns up once instead of hashing a name per row and column.
    public func index(ofColumn column: String) throws -> Int {
        guard let index = columnInfo.indexByName[column] else {
            throw PostgresError(
                kind: .decoding,
                message: "no column \"\(column)\" in the row (columns: \(columnInfo.names.joined(separator: ", ")))",
                column: column
            )
        }
        return index
    }

    /// Whether the column at `index` is SQL NULL.
    public func isNull(at index: Int) -> Bool { values.indices.contains(index) && values[index] == nil }
}
