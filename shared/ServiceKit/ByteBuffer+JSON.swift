import Hummingbird
import InkwellCore

extension ByteBuffer {
    /// `value` as the API's JSON (``InkwellJSON/responseEncoder``), for an answer kept as bytes.
    public init(json value: some Encodable) throws {
        self.init(bytes: try InkwellJSON.responseEncoder.encode(value))
    }
}
