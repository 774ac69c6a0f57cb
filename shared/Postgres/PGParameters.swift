internal import CLibPQ

/// Bound parameters encoded for libpq: every value in one byte buffer, with its length and format.
///
/// Text-format values must be NUL-terminated for libpq (it ignores `paramLengths` for them and
/// reads up to the first NUL), so a text value that contains a NUL is refused with
/// `.invalidParameter` rather than silently cut there. Binary values (``PostgresBinaryEncodable``,
/// i.e. bytea) are sent with their length and may contain anything.
struct PGParameters: Sendable {
    private(set) var types: [Oid] = []
    private(set) var lengths: [Int32] = []
    private(set) var formats: [Int32] = []
    /// Start of each value in `bytes`, -1 for NULL.
    private var offsets: [Int] = []
    private var bytes: [UInt8] = []

    var count: Int { types.count }

    init(binds: [any PostgresEncodable]) throws {
        types.reserveCapacity(binds.count)
        lengths.reserveCapacity(binds.count)
        formats.reserveCapacity(binds.count)
        offsets.reserveCapacity(binds.count)
        for (index, bind) in binds.enumerated() {
            let dataType = Swift.type(of: bind).postgresDataType
            if let binary = bind as? any PostgresBinaryEncodable {
                append(type: dataType, bytes: binary.postgresBinary(), format: 1)
                continue
            }
            let text: String?
            do {
                text = try bind.postgresText()
            } catch {
                throw PostgresError(kind: .decoding, message: "cannot encode parameter $\(index + 1) (\(Swift.type(of: bind))): \(error)")
            }
            guard var text else {
                append(type: dataType, bytes: nil, format: 0)
                continue
            }
            let containsNUL = text.withUTF8 { $0.contains(0) }
            guard !containsNUL else {
                throw PostgresError(
                    kind: .invalidParameter,
                    message: "parameter $\(index + 1) (\(Swift.type(of: bind))) contains a NUL character, which PostgreSQL text cannot hold (send binary data as [UInt8], i.e. bytea)"
                )
            }
            text.withUTF8 { append(type: dataType, utf8: $0) }
        }
    }

    private mutating func append(type: PostgresDataType, bytes value: [UInt8]?, format: Int32) {
        types.append(Oid(type.rawValue))
        formats.append(format)
        guard let value else {
            offsets.append(-1)
            lengths.append(0)
            return
        }
        offsets.append(bytes.count)
        lengths.append(Int32(value.count))
        bytes.append(contentsOf: value)
        bytes.append(0)  // never an empty buffer, so even a zero-length value has an address
    }

    private mutating func append(type: PostgresDataType, utf8: UnsafeBufferPointer<UInt8>) {
        types.append(Oid(type.rawValue))
        formats.append(0)
        offsets.append(bytes.count)
        lengths.append(Int32(utf8.count))
        bytes.append(contentsOf: utf8)
        bytes.append(0)  // libpq reads text parameters as C strings
    }

    /// Calls `body` with one pointer per value (`nil` for NULL), valid only during the call.
    func withValuePointers<R>(_ body: ([UnsafePointer<CChar>?]) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { buffer in
            let values: [UnsafePointer<CChar>?] = offsets.map { offset in
                guard offset >= 0, let base = buffer.baseAddress else { return nil }
                return UnsafeRawPointer(base + offset).assumingMemoryBound(to: CChar.self)
            }
            return try body(values)
        }
    }
}
