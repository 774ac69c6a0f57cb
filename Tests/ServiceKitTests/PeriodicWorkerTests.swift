import Logging
import ServiceLifecycle
import Synchronization
import TestSupport
import Testing
@testable import InkwellCore

/// ``PeriodicWorker`` without real time: the pauses are recorded instead of slept, except where
/// the real waiting (wake signal, shutdown) is the subject, and there the intervals are hours.
@Suite struct PeriodicWorkerTests {
    struct Failure: Error {}

    /// Runs the worker's loop with recorded pauses until `pauses` of them have been asked for.
    /// `outcomes` are returned in turn (a `nil` entry throws); after them, `.idle`.
    func pauses(configuration: PeriodicWorker.Configuration, outcomes: [PeriodicWorker.Outcome?], count: Int) async -> (pauses: [PeriodicWorker.Pause], runs: Int) {
        let state = Mutex<(pauses: [PeriodicWorker.Pause], runs: Int)>(([], 0))
        let worker = PeriodicWorker(name: "test", configuration: configuration, logger: Logger(label: "test"), pause: { pause in
            let done = state.withLock { state in
                state.pauses.append(pause)
                return state.pauses.count >= count
            }
            if done { withUnsafeCurrentTask { $0?.cancel() } }
        }, work: {
            let run = state.withLock { state in
                state.runs += 1
                return state.runs - 1
            }
            guard run < outcomes.count else { return .idle }
            guard let outcome = outcomes[run] else { throw Failure() }
            return outcome
        })
        await Task { await worker.loop() }.value
        return state.withLock { $0 }
    }

    let exact = PeriodicWorker.Configuration(interval: .seconds(30), minBackoff: .milliseconds(100), maxBackoff: .milliseconds(800), jitter: 0)

    @Test func idleWaitsTheIntervalAndMoreRunsAtOnce() async {
        let (pauses, runs) = await pauses(configuration: exact, outcomes: [.more, .more, .idle, .more, .idle], count: 2)
        #expect(pauses == [.idle(.seconds(30)), .idle(.seconds(30))])
        #expect(runs == 5)
    }

    @Test func failuresBackOffDoublingToTheMaximumAndResetAfterSuccess() async {
        let (pauses, _) = await pauses(configuration: exact, outcomes: [.failed, nil, .failed, .failed, .failed, .failed, .more, .failed, .idle, .failed], count: 9)
        let ms: (Int) -> PeriodicWorker.Pause = { .backoff(.milliseconds($0)) }
        #expect(pauses == [ms(100), ms(200), ms(400), ms(800), ms(800), ms(800), ms(100), .idle(.seconds(30)), ms(100)])
    }

    @Test func jitterStaysWithinItsBounds() async {
        let configuration = PeriodicWorker.Configuration(interval: .seconds(10), minBackoff: .seconds(1), maxBackoff: .seconds(1), jitter: 0.2)
        let (pauses, _) = await pauses(configuration: configuration, outcomes: Array(repeating: .failed, count: 100) + Array(repeating: .idle, count: 100), count: 200)
        var distinct = Set<Duration>()
        for pause in pauses {
            switch pause {
            case .backoff(let duration):
                #expect(duration >= .milliseconds(800) && duration <= .milliseconds(1200))
                distinct.insert(duration)
            case .idle(let duration):
                #expect(duration >= .seconds(8) && duration <= .seconds(12))
            }
        }
        #expect(distinct.count > 10, "the waits are drawn at random")
        for _ in 0..<1000 {
            let duration = PeriodicWorker.jittered(.seconds(1), by: 0.1)
            #expect(duration >= .milliseconds(900) && duration <= .milliseconds(1100))
        }
        #expect(PeriodicWorker.jittered(.seconds(1), by: 0) == .seconds(1))
        // Out-of-range settings are clamped.
        #expect(PeriodicWorker.Configuration(interval: .seconds(1), jitter: 7).jitter == 1)
        #expect(PeriodicWorker.Configuration(interval: .seconds(1), minBackoff: .seconds(2), maxBackoff: .seconds(1)).maxBackoff == .seconds(2))
    }

    @Test func theWakeSignalCutsAnIdleWaitShort() async throws {
        let wake = WakeSignal()
        let runs = Atomic<Int>(0)
        let worker = PeriodicWorker(name: "test", configuration: .init(interval: .seconds(3600)), wake: wake, logger: Logger(label: "test")) {
            runs.add(1, ordering: .relaxed)
            return .idle
        }
        let task = Task { await worker.loop() }
        try await pollUntil("the first run") { runs.load(ordering: .relaxed) == 1 }
        wake.signal()
        try await pollUntil("a run after the signal", timeout: .seconds(10)) { runs.load(ordering: .relaxed) == 2 }
        wake.signal()
        try await pollUntil("another run after the signal", timeout: .seconds(10)) { runs.load(ordering: .relaxed) == 3 }
        task.cancel()
        await task.value
    }

    @Test func gracefulShutdownEndsAWaitingWorkerAtOnce() async throws {
        let runs = Atomic<Int>(0)
        let worker = PeriodicWorker(name: "test", configuration: .init(interval: .seconds(3600), minBackoff: .seconds(3600), maxBackoff: .seconds(3600)), logger: Logger(label: "test")) {
            // First an hour of backoff, then an hour of idling: shutdown must cut either short.
            runs.add(1, ordering: .relaxed).oldValue == 0 ? .failed : .idle
        }
        let group = ServiceGroup(configuration: .init(services: [.init(service: worker)], logger: Logger(label: "test")))
        let started = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            try await pollUntil("the first run") { runs.load(ordering: .relaxed) == 1 }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        #expect(ContinuousClock.now - started < .seconds(30))
        #expect(runs.load(ordering: .relaxed) == 1)
    }

    @Test func cancellationDuringWorkEndsTheLoop() async throws {
        let worker = PeriodicWorker(name: "test", configuration: .init(interval: .seconds(3600)), logger: Logger(label: "test")) {
            throw CancellationError()
        }
        // Returns rather than backing off after a cancelled run.
        let task = Task { await worker.loop() }
        await task.value
    }
}
