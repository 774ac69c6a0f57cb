import InkwellCore
import Testing

/// ``Hex``'s array overload writes what the generic encoder writes, and decodes back.
@Suite struct HexTests {
    @Test func theArrayOverloadMatchesTheGenericOne() {
        var generator = SystemRandomNumberGenerator()
        for count in [0, 1, 16, 32, 33] {
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let viaArray = Hex.encode(bytes)
            #expect(viaArray == Hex.encode(bytes[...]))
            #expect(viaArray.utf8.count == count * 2)
            #expect(Hex.decode(viaArray) == bytes)
        }
        #expect(Hex.encode([0x00, 0x09, 0x0A, 0x0F, 0xA0, 0xFF] as [UInt8]) == "00090a0fa0ff")
    }
}
