import Foundation
import HTTPTypes
import NIOCore
import Synchronization
import Testing
import TestSupport
@testable import GatewayService

/// ``ResponseCache`` and ``CacheStore`` without I/O: LRU by bytes, TTL on an injected clock,
/// tag invalidation, single flight, liveness.
@Suite struct ResponseCacheTests {
    /// A clock the test moves.
    final class TestClock: Sendable {
        let start = ContinuousClock.now
        let offset = Mutex<Duration>(.zero)
        func advance(_ by: Duration) { offset.withLock { $0 += by } }
        var now: ContinuousClock.Instant { start.advanced(by: offset.withLock { $0 }) }
    }

    static func answer(_ text: String, tags: Set<CacheTag> = [], cacheable: Bool = true) -> CacheableResponse {
        CacheableResponse(status: .ok, headers: [.contentType: "text/plain"], body: ByteBuffer(string: text), tags: tags, isCacheable: cacheable)
    }

    /// Counts computations; each returns "<key>#<n>".
    final class Upstream: Sendable {
        let calls = Atomic<Int>(0)
        func compute(_ text: String, tags: Set<CacheTag> = [], cacheable: Bool = true) -> CacheableResponse {
            let n = calls.add(1, ordering: .relaxed).newValue
            return ResponseCacheTests.answer("\(text)#\(n)", tags: tags, cacheable: cacheable)
        }
    }

    static func text(_ response: CacheableResponse) -> String { String(buffer: response.body) }

    @Test func hitAfterMissAndHitHeaders() async throws {
        let cache = ResponseCache(configuration: .init(maxBytes: 1 << 20, ttl: .seconds(60)))
        let upstream = Upstream()
        let first = try await cache.load("GET /a") { upstream.compute("a") }
        #expect(first.outcome == .miss && Self.text(first.response) == "a#1")
        let second = try await cache.load("GET /a") { upstream.compute("a") }
        #expect(second.outcome == .hit && Self.text(second.response) == "a#1")
        #expect(second.hitHeaders?[.xCache] == "hit")
        #expect(second.hitHeaders?[.contentType] == "text/plain")
        #expect(upstream.calls.load(ordering: .relaxed) == 1)
    }

    @Test func lruEvictsLeastRecentlyUsedByBytes() {
        let now = ContinuousClock.now
        let one = Self.answer(String(repeating: "x", count: 100))
        let size = one.size + "k0".utf8.count
        var store = CacheStore(maxBytes: size * 3, ttl: .seconds(60))
        for i in 0..<3 { store.insert(key: "k\(i)", response: one, now: now) }
        #expect(store.count == 3 && store.bytes == size * 3)
        _ = store.lookup("k0", now: now)  // k1 is now the least recently used
        let removed = store.insert(key: "k3", response: one, now: now)
        #expect(removed.evicted == 1)
        #expect(store.lookup("k1", now: now).entry == nil)
        for key in ["k0", "k2", "k3"] { #expect(store.lookup(key, now: now).entry != nil, "\(key)") }
        #expect(store.bytes == size * 3)
        // A bigger answer evicts as many as it needs; one larger than the bound is not kept.
        let big = Self.answer(String(repeating: "y", count: 250))
        #expect(store.insert(key: "k4", response: big, now: now).evicted == 3)
        #expect(store.count == 1)
        store.insert(key: "huge", response: Self.answer(String(repeating: "z", count: size * 4)), now: now)
        #expect(store.lookup("huge", now: now).entry == nil)
        #expect(store.lookup("k4", now: now).entry != nil)
        // Replacing a key does not count it twice.
        store.insert(key: "k4", response: big, now: now)
        #expect(store.count == 1 && store.bytes == big.size + 2)
    }

    @Test func ttlBoundsEveryEntry() async throws {
        let clock = TestClock()
        let cache = ResponseCache(configuration: .init(maxBytes: 1 << 20, ttl: .seconds(60))) { clock.now }
        let upstream = Upstream()
        _ = try await cache.load("GET /a") { upstream.compute("a") }
        clock.advance(.seconds(59))
        #expect(try await cache.load("GET /a") { upstream.compute("a") }.outcome == .hit)
        clock.advance(.seconds(1))
        let expired = try await cache.load("GET /a") { upstream.compute("a") }
        #expect(expired.outcome == .miss && Self.text(expired.response) == "a#2")
        #expect(cache.usage.entries == 1)
    }

    @Test func invalidationDropsExactlyTheTaggedEntries() async throws {
        let cache = ResponseCache(configuration: .init())
        let upstream = Upstream()
        let post = UUID()
        let user = UUID()
        _ = try await cache.load("GET /post") { upstream.compute("p", tags: [.post(post), .user(user)]) }
        _ = try await cache.load("GET /feed") { upstream.compute("f", tags: [.lists, .post(post)]) }
        _ = try await cache.load("GET /profile") { upstream.compute("u", tags: [.user(user)]) }
        _ = try await cache.load("GET /tags") { upstream.compute("t", tags: [.lists]) }
        #expect(cache.invalidate([.post(post)]) == 2)
        #expect(try await cache.load("GET /profile") { upstream.compute("u") }.outcome == .hit)
        #expect(try await cache.load("GET /tags") { upstream.compute("t") }.outcome == .hit)
        #expect(try await cache.load("GET /post") { upstream.compute("p") }.outcome == .miss)
        #expect(cache.invalidate([.tag("none"), .username("nobody")]) == 0)
        // The profile's other tags went with it: invalidating the user now finds only it.
        #expect(cache.invalidate([.user(user)]) == 1)
        #expect(cache.removeAll() == 2)
        #expect(cache.usage.bytes == 0)
    }

    @Test func concurrentMissesMakeOneComputation() async throws {
        let cache = ResponseCache(configuration: .init())
        let upstream = Upstream()
        let gate = Gate()
        let results = try await withThrowingTaskGroup(of: (CacheableResponse, CacheOutcome).self) { group in
            for _ in 0..<50 {
                group.addTask {
                    let (response, outcome, _) = try await cache.load("GET /slow") {
                        await gate.wait()
                        return upstream.compute("slow")
                    }
                    return (response, outcome)
                }
            }
            // Every request is waiting on the one flight before it may finish.
            try await pollUntilTrue { cache.waiterCount("GET /slow") == 49 }
            gate.open()
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(upstream.calls.load(ordering: .relaxed) == 1)
        #expect(results.allSatisfy { Self.text($0.0) == "slow#1" && $0.1 == .miss })
        #expect(try await cache.load("GET /slow") { upstream.compute("slow") }.outcome == .hit)
    }

    @Test func errorsAndUncacheableAnswersGoToTheirFlightOnly() async throws {
        let cache = ResponseCache(configuration: .init())
        let upstream = Upstream()
        struct Down: Error {}
        await #expect(throws: Down.self) { _ = try await cache.load("GET /e") { throw Down() } }
        #expect(try await cache.load("GET /e") { upstream.compute("e") }.outcome == .miss, "the error was not kept")
        _ = try await cache.load("GET /d") { upstream.compute("d", cacheable: false) }
        let again = try await cache.load("GET /d") { upstream.compute("d", cacheable: false) }
        #expect(again.outcome == .miss && Self.text(again.response) == "d#3", "the degraded answer was not kept")
        #expect(cache.flightCount == 0)
    }

    @Test func invalidationDuringAFlightKeepsItsAnswerOut() async throws {
        let cache = ResponseCache(configuration: .init())
        let upstream = Upstream()
        let gate = Gate()
        let flight = Task { try await cache.load("GET /p") { await gate.wait(); return upstream.compute("old", tags: [.lists]) } }
        try await pollUntilTrue { cache.flightCount == 1 }
        cache.invalidate([.user(UUID())])  // any event: computed before it, so not stored
        // A request after the event does not join the old flight.
        let after = try await cache.load("GET /p") { upstream.compute("new", tags: [.lists]) }
        #expect(Self.text(after.response) == "new#1")
        gate.open()
        #expect(Self.text(try await flight.value.response) == "old#2")
        let stored = try await cache.load("GET /p") { upstream.compute("x") }
        #expect(stored.outcome == .hit && Self.text(stored.response) == "new#1")
    }

    @Test func cancelledLeaderLetsAWaiterComputeAgain() async throws {
        let cache = ResponseCache(configuration: .init())
        let upstream = Upstream()
        let leader = Task { try await cache.load("GET /c") { try await Task.sleep(for: .seconds(60)); return upstream.compute("never") } }
        try await pollUntilTrue { cache.flightCount == 1 }
        let waiter = Task { try await cache.load("GET /c") { upstream.compute("c") } }
        try await pollUntilTrue { cache.waiterCount("GET /c") == 1 }
        leader.cancel()
        await #expect(throws: CancellationError.self) { _ = try await leader.value }
        #expect(Self.text(try await waiter.value.response) == "c#1")
    }

    @Test func notLiveBypassesAndGoingOffDropsEverything() async throws {
        let cache = ResponseCache(configuration: .init(), live: false)
        let upstream = Upstream()
        #expect(try await cache.load("GET /a") { upstream.compute("a") }.outcome == .bypass)
        #expect(cache.usage.entries == 0)
        cache.setLive(true)
        _ = try await cache.load("GET /a") { upstream.compute("a") }
        #expect(cache.usage.entries == 1)
        cache.setLive(false)
        #expect(cache.usage.entries == 0)
        #expect(!ResponseCache(configuration: .init(maxBytes: 0)).isEnabled)
    }

    @Test func keysIgnoreParameterOrderButNotValues() {
        #expect(CacheKey.make(method: "GET", path: "/p", query: "b=2&a=1") == CacheKey.make(method: "GET", path: "/p", query: "a=1&b=2"))
        #expect(CacheKey.make(method: "GET", path: "/p", query: "a=1&a=2") != CacheKey.make(method: "GET", path: "/p", query: "a=2&a=1"))
        #expect(CacheKey.make(method: "GET", path: "/p", query: "") == "GET /p")
        #expect(CacheKey.make(method: "HEAD", path: "/p", query: nil) != CacheKey.make(method: "GET", path: "/p", query: nil))
        #expect(CacheKey.make(method: "GET", path: "/p", query: "limit=20&&cursor=x") == "GET /p?cursor=x&limit=20")
    }
}

/// Opens once; everything waiting on it then continues.
final class Gate: Sendable {
    private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))
    func wait() async {
        await withCheckedContinuation { continuation in
            let resume = state.withLock { state -> Bool in
                if state.open { return true }
                state.waiters.append(continuation)
                return false
            }
            if resume { continuation.resume() }
        }
    }
    func open() {
        let waiters = state.withLock { state in
            state.open = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}

func pollUntilTrue(_ condition: () -> Bool) async throws {
    try await pollUntil("the condition", timeout: .seconds(10), interval: .milliseconds(2)) { condition() }
}
