import HTTPTypes
import Metrics
import NIOCore
import Synchronization

/// The gateway's in-memory cache of complete public answers (``CacheableResponse``): bounded in
/// bytes with LRU eviction, a TTL on every entry, entries indexed by ``CacheTag`` so that an
/// event drops exactly those it affects, and single flight: concurrent misses for one key make
/// one computation, the others await it.
///
/// Single flight rules: the first miss of a key computes; later misses of that key await its
/// result, whatever it is (a cacheable answer, an uncacheable one, or an error): they asked at
/// the same time. Only a cacheable answer is stored. An invalidation (or ``removeAll()``)
/// detaches the flights in progress: their results still go to the requests already waiting,
/// but are not stored, and a request arriving after the invalidation starts a new flight, so
/// nothing computed before an event is served or kept after it. If the computing request is
/// cancelled, its waiters are not failed with its cancellation: they start over.
///
/// Thread-safe: one `Mutex` around the store and the flights, never held across an await.
public final class ResponseCache: Sendable {
    typealias Compute = @Sendable () async throws -> CacheableResponse

    private struct Flight {
        var id: UInt64
        var waiters: [CheckedContinuation<FlightResult, Never>] = []
    }

    enum FlightResult: Sendable {
        case answer(CacheableResponse)
        case failure(any Error)
        /// The computing request was cancelled: try again.
        case retry
    }

    private struct State {
        var store: CacheStore
        var flights: [String: Flight] = [:]
        /// Waiters of flights detached by an invalidation, by flight id, until their flight ends.
        var detached: [UInt64: [CheckedContinuation<FlightResult, Never>]] = [:]
        var nextFlight: UInt64 = 0
        /// Entries are stored only while live (the invalidation feed is assigned).
        var live: Bool
    }

    public let configuration: ResponseCacheConfiguration
    private let state: Mutex<State>
    private let now: @Sendable () -> ContinuousClock.Instant
    private let hits = Counter(label: "inkwell_gateway_cache_hits_total")
    private let misses = Counter(label: "inkwell_gateway_cache_misses_total")
    private let bypasses = Counter(label: "inkwell_gateway_cache_bypasses_total")
    private let evictions = Counter(label: "inkwell_gateway_cache_evictions_total")
    private let invalidations = Counter(label: "inkwell_gateway_cache_invalidations_total")
    private let invalidatedEntries = Counter(label: "inkwell_gateway_cache_invalidated_entries_total")
    private let bytes = Gauge(label: "inkwell_gateway_cache_bytes")

    /// - Parameters:
    ///   - live: whether entries may be stored from the start; the gateway starts not live and
    ///     goes live once its invalidation consumer has every partition (``setLive(_:)``).
    ///   - now: the clock of the TTL (tests inject one).
    public init(
        configuration: ResponseCacheConfiguration, live: Bool = true,
        now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        self.configuration = configuration
        self.now = now
        state = Mutex(State(store: CacheStore(maxBytes: configuration.maxBytes, ttl: configuration.ttl), live: live))
    }

    public var isEnabled: Bool { configuration.isEnabled }
    public var isLive: Bool { state.withLock { $0.live } }
    /// The bytes and entries held now.
    public var usage: (bytes: Int, entries: Int) { state.withLock { ($0.store.bytes, $0.store.count) } }

    /// Starts or stops storing; stopping drops everything (the entries can no longer be trusted
    /// to be invalidated).
    public func setLive(_ live: Bool) {
        state.withLock { $0.live = live }
        if !live { removeAll() }
    }

    /// The answer for `key`: stored, awaited from the flight in progress, or computed by
    /// `compute` (and stored if cacheable and no invalidation came meanwhile).
    func load(_ key: String, compute: Compute) async throws -> (response: CacheableResponse, outcome: CacheOutcome, hitHeaders: HTTPFields?) {
        while true {
            enum Step {
                case hit(CacheStore.Entry)
                case lead(UInt64)
                case wait(UInt64)
                case uncached
            }
            let time = now()
            let step = state.withLock { state -> Step in
                guard state.live else { return .uncached }
                let (entry, _) = state.store.lookup(key, now: time)
                if let entry { return .hit(entry) }
                state.nextFlight += 1
                if state.flights[key] != nil { return .wait(state.nextFlight) }
                state.flights[key] = Flight(id: state.nextFlight)
                return .lead(state.nextFlight)
            }
            switch step {
            case .hit(let entry):
                hits.increment()
                return (entry.response, .hit, entry.hitHeaders)
            case .uncached:
                bypasses.increment()
                return (try await compute(), .bypass, nil)
            case .wait:
                misses.increment()
                let result = await withCheckedContinuation { continuation in
                    let joined = state.withLock { state -> Bool in
                        guard state.flights[key] != nil else { return false }
                        state.flights[key]!.waiters.append(continuation)
                        return true
                    }
                    // The flight ended between the two locks: look again.
                    if !joined { continuation.resume(returning: .retry) }
                }
                switch result {
                case .answer(let response): return (response, .miss, nil)
                case .failure(let error): throw error
                case .retry: continue
                }
            case .lead(let id):
                misses.increment()
                let result: FlightResult
                do {
                    result = .answer(try await compute())
                } catch is CancellationError {
                    result = .retry
                } catch {
                    result = Task.isCancelled ? .retry : .failure(error)
                }
                finish(key, flight: id, with: result)
                switch result {
                case .answer(let response): return (response, .miss, nil)
                case .failure(let error): throw error
                case .retry: throw CancellationError()
                }
            }
        }
    }

    private func finish(_ key: String, flight id: UInt64, with result: FlightResult) {
        let time = now()
        let (waiters, removed, total) = state.withLock { state -> ([CheckedContinuation<FlightResult, Never>], CacheStore.Removed, Int) in
            // A flight no longer registered was detached by an invalidation: its result is older
            // than the event and must not be stored.
            guard state.flights[key]?.id == id else {
                return (state.detached.removeValue(forKey: id) ?? [], .init(), state.store.bytes)
            }
            let flight = state.flights.removeValue(forKey: key)!
            var removed = CacheStore.Removed()
            if case .answer(let response) = result, response.isCacheable, state.live {
                removed = state.store.insert(key: key, response: response, now: time)
            }
            return (flight.waiters, removed, state.store.bytes)
        }
        if removed.evicted > 0 { evictions.increment(by: removed.evicted) }
        bytes.record(total)
        for waiter in waiters { waiter.resume(returning: result) }
    }

    /// Drops every entry carrying one of `tags` and detaches the flights in progress; returns
    /// how many entries it dropped.
    @discardableResult
    public func invalidate(_ tags: some Sequence<CacheTag>) -> Int {
        let (count, total) = state.withLock { state -> (Int, Int) in
            Self.detachFlights(&state)
            return (state.store.invalidate(tags), state.store.bytes)
        }
        invalidations.increment()
        if count > 0 { invalidatedEntries.increment(by: count) }
        bytes.record(total)
        return count
    }

    /// Drops everything and detaches the flights in progress (the invalidation feed had a gap).
    @discardableResult
    public func removeAll() -> Int {
        let count = state.withLock { state -> Int in
            Self.detachFlights(&state)
            return state.store.removeAll()
        }
        if count > 0 { invalidatedEntries.increment(by: count) }
        bytes.record(0)
        return count
    }

    private static func detachFlights(_ state: inout State) {
        for (_, flight) in state.flights where !flight.waiters.isEmpty {
            state.detached[flight.id] = flight.waiters
        }
        state.flights.removeAll(keepingCapacity: true)
    }

    /// Tests: the requests waiting on the current flight of `key`.
    func waiterCount(_ key: String) -> Int { state.withLock { $0.flights[key]?.waiters.count ?? 0 } }

    /// Tests: the flights in progress (registered or detached with waiters).
    var flightCount: Int { state.withLock { $0.flights.count + $0.detached.count } }
}
