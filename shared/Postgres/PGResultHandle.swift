internal import CLibPQ

/// Owns one `PGresult` and frees it in `deinit`.
///
/// Not Sendable: a result is read on the thread-pool thread that produced it, copied into
/// Swift values (``PostgresRow``) and released there.
final class PGResultHandle {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) { self.pointer = pointer }

    deinit { PQclear(pointer) }

    var status: ExecStatusType { PQresultStatus(pointer) }

    func errorField(_ code: Character) -> String? {
        guard let value = PQresultErrorField(pointer, Int32(code.asciiValue!)) else { return nil }
        return String(cString: value)
    }

    /// Copies every row out of the result (text format; `nil` for NULL).
    func rows() -> [PostgresRow] {
        let columnCount = Int(PQnfields(pointer))
        let rowCount = Int(PQntuples(pointer))
        guard columnCount > 0 else { return [] }
        var names: [String] = []
        var types: [PostgresDataType] = []
        for column in 0..<columnCount {
            names.append(PQfname(pointer, Int32(column)).map { String(cString: $0) } ?? "?column?")
            types.append(PostgresDataType(PQftype(pointer, Int32(column))))
        }
        let columns = PostgresRow.Columns(names: names, types: types)
        var rows: [PostgresRow] = []
        rows.reserveCapacity(rowCount)
        for row in 0..<rowCount {
            var values: [String?] = []
            values.reserveCapacity(columnCount)
            for column in 0..<columnCount {
                if PQgetisnull(pointer, Int32(row), Int32(column)) != 0 {
                    values.append(nil)
                } else {
                    let length = Int(PQgetlength(pointer, Int32(row), Int32(column)))
                    let bytes = UnsafeRawPointer(PQgetvalue(pointer, Int32(row), Int32(column))!)
                    values.append(String(decoding: UnsafeRawBufferPointer(start: bytes, count: length), as: UTF8.self))
                }
            }
            rows.append(PostgresRow(columns: columns, values: values))
        }
        return rows
    }

    /// Rows affected by INSERT/UPDATE/DELETE/MERGE/SELECT/COPY (`PQcmdTuples`), 0 otherwise.
    var affectedRows: Int {
        guard let text = PQcmdTuples(pointer) else { return 0 }
        return Int(String(cString: text)) ?? 0
    }
}
