import Foundation
import InkwellCore
import Testing
@testable import BlogService

/// The feed cursor's payload: the fast path writes what `Encodable` writes, and reads back.
@Suite struct PostFeedPositionTests {
    /// Hides the fast path, so the encoder takes `encode(to:)`.
    struct ViaCodable: Encodable {
        let value: PostFeedPosition
        func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
    }

    @Test(arguments: [
        PostFeedPosition(at: 1_780_261_200_000_000, id: UUID(uuidString: "019E7FD6-2080-7964-A2C2-170A0DE210A9")!),
        PostFeedPosition(at: -1, id: UUID()),
        PostFeedPosition(at: 0, id: UUID()),
        PostFeedPosition(at: .max, id: UUID()),
    ])
    func matchesCodable(_ position: PostFeedPosition) throws {
        let fast = try InkwellJSON.responseEncoder.encode(position)
        #expect(fast == (try InkwellJSON.responseEncoder.encode(ViaCodable(value: position))))
        #expect(try InkwellJSON.decoder.decode(PostFeedPosition.self, from: Data(fast)) == position)
    }
}
