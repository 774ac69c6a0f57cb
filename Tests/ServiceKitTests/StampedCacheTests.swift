import InkwellServiceKit
import Synchronization
import Testing

/// ``StampedCache`` without I/O: a hit needs the stamp the entry was kept at, the stamp is read
/// only for a key that has an entry, and the bytes stay within their bounds.
@Suite struct StampedCacheTests {
    func cache(maxBytes: Int = 100, maxEntryBytes: Int = 40) -> StampedCache<String, Int, String> {
        StampedCache(name: "test", maxBytes: maxBytes, maxEntryBytes: maxEntryBytes) { $0.utf8.count }
    }

    @Test func aHitNeedsTheStampTheAnswerWasKeptAt() async throws {
        let cache = cache()
        cache.store("v1", for: "a", stamp: 1)
        #expect(await cache.value(for: "a") { 1 } == "v1")
        #expect(await cache.value(for: "a") { 2 } == nil)
        #expect(await cache.value(for: "a") { nil } == nil)
        cache.store("v2", for: "a", stamp: 2)
        #expect(await cache.value(for: "a") { 1 } == nil)
        #expect(await cache.value(for: "a") { 2 } == "v2")
        #expect(cache.count == 1 && cache.bytes == 2)
    }

    @Test func theStampIsReadOnlyForAKeyWithAnEntry() async throws {
        let cache = cache()
        let reads = Atomic(0)
        let read: () -> Int? = { reads.add(1, ordering: .relaxed); return 1 }
        #expect(await cache.value(for: "never", currentStamp: read) == nil)
        #expect(reads.load(ordering: .relaxed) == 0)
        cache.store("x", for: "kept", stamp: 1)
        #expect(await cache.value(for: "kept", currentStamp: read) == "x")
        #expect(reads.load(ordering: .relaxed) == 1)
    }

    @Test func aFailingStampReadFailsTheLookup() async throws {
        struct Down: Error {}
        let cache = cache()
        cache.store("x", for: "k", stamp: 1)
        await #expect(throws: Down.self) { try await cache.value(for: "k") { () throws -> Int? in throw Down() } }
    }

    @Test func bytesStayWithinTheBoundsAndAnOversizedAnswerDropsTheOldOne() async throws {
        let cache = cache(maxBytes: 100, maxEntryBytes: 40)
        for index in 0..<10 { cache.store(String(repeating: "x", count: 30), for: "k\(index)", stamp: index) }
        #expect(cache.bytes <= 100)
        #expect(cache.count == 3)
        // The last one stored is kept.
        #expect(await cache.value(for: "k9") { 9 } != nil)
        cache.store("small", for: "big", stamp: 1)
        #expect(await cache.value(for: "big") { 1 } == "small")
        cache.store(String(repeating: "y", count: 41), for: "big", stamp: 2)
        #expect(await cache.value(for: "big") { 2 } == nil)
        #expect(await cache.value(for: "big") { 1 } == nil, "the older answer is not kept beside a newer one")
        #expect(cache.bytes <= 100)
        // Replacing an entry counts its bytes once.
        let one = self.cache(maxBytes: 100, maxEntryBytes: 100)
        for stamp in 0..<20 { one.store(String(repeating: "z", count: 60), for: "same", stamp: stamp) }
        #expect(one.count == 1 && one.bytes == 60)
    }

    @Test func aZeroBoundKeepsNothing() async throws {
        let cache = cache(maxBytes: 0, maxEntryBytes: 40)
        cache.store("", for: "empty", stamp: 1)
        cache.store("x", for: "k", stamp: 1)
        #expect(cache.count == 0 && cache.bytes == 0)
        #expect(await cache.value(for: "k") { 1 } == nil)
    }
}

/// ``StampedCache/storeUnlessOlder(_:for:stamp:)``: versions only grow, so a slower request's
/// older answer never replaces a newer one.
@Suite struct StampedCacheVersionTests {
    @Test func anOlderAnswerNeverReplacesANewerOne() async {
        let cache = StampedCache<String, Int64, String>(name: "test", maxBytes: 100, maxEntryBytes: 100) { $0.utf8.count }
        cache.storeUnlessOlder("v5", for: "k", stamp: 5)
        cache.storeUnlessOlder("v4", for: "k", stamp: 4)
        #expect(await cache.value(for: "k") { 5 } == "v5")
        cache.storeUnlessOlder("v6", for: "k", stamp: 6)
        #expect(await cache.value(for: "k") { 6 } == "v6")
        #expect(cache.count == 1 && cache.bytes == 2)
        // The plain store replaces whatever is kept.
        cache.store("v1", for: "k", stamp: 1)
        #expect(await cache.value(for: "k") { 1 } == "v1")
    }
}
