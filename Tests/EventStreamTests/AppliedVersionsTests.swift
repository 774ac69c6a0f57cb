import InkwellEventStream
import Testing

@Suite struct AppliedVersionsTests {
    @Test func onlyNewerVersionsAreAdmitted() {
        var versions = AppliedVersions(capacity: 10)
        #expect(versions.isNewer(1, for: "a"), "an unknown aggregate takes any version")
        versions.record(3, for: "a")
        #expect(!versions.isNewer(3, for: "a"), "a repeat is dropped")
        #expect(!versions.isNewer(2, for: "a"), "a stale version is dropped")
        #expect(versions.isNewer(4, for: "a"))
        #expect(versions.isNewer(1, for: "b"), "aggregates are independent")
    }

    @Test func recordingNeverLowersAVersion() {
        var versions = AppliedVersions(capacity: 10)
        versions.record(5, for: "a")
        versions.record(2, for: "a")
        #expect(versions.version(of: "a") == 5)
    }

    @Test func theMemoryIsBoundedAndForgetsTheOldestAggregate() {
        var versions = AppliedVersions(capacity: 3)
        for (index, key) in ["a", "b", "c", "d", "e"].enumerated() { versions.record(Int64(index + 1), for: key) }
        #expect(versions.count == 3)
        #expect(versions.version(of: "a") == nil)
        #expect(versions.version(of: "b") == nil)
        #expect(versions.version(of: "c") == 3)
        #expect(versions.version(of: "e") == 5)
        #expect(versions.isNewer(1, for: "a"), "a forgotten aggregate takes any version again")
        versions.record(9, for: "c")  // an update does not move it in the ring
        versions.record(1, for: "f")
        #expect(versions.version(of: "c") == nil)
        #expect(versions.version(of: "d") == 4)
    }
}
