/// A parameter sent in binary format with its length (no NUL termination), instead of text:
/// `[UInt8]` as `bytea`, so binary data with zero bytes reaches the server whole.
protocol PostgresBinaryEncodable {
    /// The raw bytes, `nil` for SQL NULL.
    func postgresBinary() -> [UInt8]?
}

extension Array: PostgresBinaryEncodable where Element == UInt8 {
    func postgresBinary() -> [UInt8]? { self }
}

extension Optional: PostgresBinaryEncodable where Wrapped: PostgresBinaryEncodable {
    func postgresBinary() -> [UInt8]? {
        switch self {
        case .none: nil
        case .some(let wrapped): wrapped.postgresBinary()
        }
    }
}
