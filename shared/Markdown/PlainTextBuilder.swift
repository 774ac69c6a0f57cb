/// Accumulates the plain text of a document: ASCII whitespace runs collapse to one space and
/// nothing is written before the first or after the last visible byte.
struct PlainTextBuilder {
    private var bytes: [UInt8] = []
    private var pendingSpace = false

    /// A word boundary: one space before the next byte, if any text came before.
    mutating func separate() {
        pendingSpace = !bytes.isEmpty
    }

    mutating func append(literal: UnsafePointer<CChar>?) {
        guard let literal else { return }
        UnsafeRawPointer(literal).withMemoryRebound(to: UInt8.self, capacity: 1) { start in
            var index = 0
            while case let byte = start[index], byte != 0 {
                switch byte {
                case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D:
                    separate()
                default:
                    if pendingSpace {
                        bytes.append(0x20)
                        pendingSpace = false
                    }
                    bytes.append(byte)
                }
                index += 1
            }
        }
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }
}
