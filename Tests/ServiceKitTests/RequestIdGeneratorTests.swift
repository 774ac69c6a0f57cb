import InkwellServiceKit
import Testing

/// Request ids from the random block: 32 lower-case hex digits, all different, across refills
/// of the block and across threads.
@Suite struct RequestIdGeneratorTests {
    @Test func idsAreHexAndDistinctAcrossRefills() {
        let ids = RequestIdGenerator()
        let count = 3 * RequestIdGenerator.blockSize / 16 + 5
        var seen = Set<String>()
        for _ in 0..<count {
            let id = ids.next()
            #expect(id.utf8.count == 32)
            #expect(id.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }, "\(id)")
            seen.insert(id)
        }
        #expect(seen.count == count)
    }

    @Test func concurrentCallersGetDistinctIds() async {
        let ids = RequestIdGenerator()
        let all = await withTaskGroup(of: [String].self) { group in
            for _ in 0..<4 { group.addTask { (0..<500).map { _ in ids.next() } } }
            var all: [String] = []
            for await part in group { all += part }
            return all
        }
        #expect(Set(all).count == all.count)
    }
}
