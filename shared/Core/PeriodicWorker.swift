import Logging
import ServiceLifecycle

/// A background loop as a `Service`: runs `work` again and again, waiting between runs, backing
/// off with jitter after failures, until graceful shutdown. The one loop behind the key ring's
/// reload, the mail sender, the outbox relay and schedulers.
///
/// `work` says what comes next: ``Outcome/idle`` waits `interval` (or until `wake` is signalled),
/// ``Outcome/more`` runs again at once, ``Outcome/failed`` (or a thrown error, which is logged)
/// waits the current backoff: from `minBackoff`, doubling to `maxBackoff`, each wait ±`jitter`
/// so replicas drift apart; a signal does not cut a backoff short (an outage must not be
/// hammered). Any outcome but `failed` resets the backoff.
public struct PeriodicWorker: Service {
    /// What one run of the work asks for next.
    public enum Outcome: Sendable {
        case idle, more, failed
    }

    public struct Configuration: Sendable {
        public var interval: Duration
        public var minBackoff: Duration
        public var maxBackoff: Duration
        /// Fraction of each wait drawn at random (0.1: ±10 %).
        public var jitter: Double

        public init(interval: Duration, minBackoff: Duration = .milliseconds(100), maxBackoff: Duration = .seconds(10), jitter: Double = 0.1) {
            self.interval = interval
            self.minBackoff = minBackoff
            self.maxBackoff = max(maxBackoff, minBackoff)
            self.jitter = min(max(jitter, 0), 1)
        }
    }

    /// One wait of the loop, as the worker asks for it (jitter already applied).
    enum Pause: Sendable, Equatable {
        /// After ``Outcome/idle``: ends early when the wake signal fires.
        case idle(Duration)
        /// After ``Outcome/failed``: not cut short by a signal.
        case backoff(Duration)
    }

    let name: String
    let configuration: Configuration
    let wake: WakeSignal?
    let logger: Logger
    let work: @Sendable () async throws -> Outcome
    /// Performs a pause; real time outside tests.
    let pause: @Sendable (Pause) async -> Void

    public init(name: String, configuration: Configuration, wake: WakeSignal? = nil, logger: Logger, work: @escaping @Sendable () async throws -> Outcome) {
        self.init(name: name, configuration: configuration, wake: wake, logger: logger, pause: { pause in
            switch pause {
            case .idle(let duration):
                if let wake { await wake.wait(timeout: duration) } else { try? await Task.sleep(for: duration) }
            case .backoff(let duration):
                try? await Task.sleep(for: duration)
            }
        }, work: work)
    }

    /// With the pauses in the caller's hands (tests record them instead of sleeping).
    init(name: String, configuration: Configuration, wake: WakeSignal? = nil, logger: Logger, pause: @escaping @Sendable (Pause) async -> Void, work: @escaping @Sendable () async throws -> Outcome) {
        self.name = name
        self.configuration = configuration
        self.wake = wake
        self.logger = logger
        self.work = work
        self.pause = pause
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown { await self.loop() }
        logger.debug("worker stopped", metadata: ["worker": "\(name)"])
    }

    func loop() async {
        var backoff = configuration.minBackoff
        while !Task.isCancelled {
            let outcome: Outcome
            do {
                outcome = try await work()
            } catch is CancellationError {
                return
            } catch {
                logger.warning("worker run failed; backing off", metadata: ["worker": "\(name)", "error": "\(error)", "backoff": "\(backoff)"])
                outcome = .failed
            }
            if Task.isCancelled { return }
            let next = Self.step(after: outcome, backoff: backoff, configuration: configuration)
            backoff = next.backoff
            if let wait = next.pause {
                await pause(wait.jittered(by: configuration.jitter))
            }
        }
    }

    /// The decision after one run: the pause (before jitter; `nil`: run again at once) and the
    /// backoff for the next failure.
    static func step(after outcome: Outcome, backoff: Duration, configuration: Configuration) -> (pause: Pause?, backoff: Duration) {
        switch outcome {
        case .more: (nil, configuration.minBackoff)
        case .idle: (.idle(configuration.interval), configuration.minBackoff)
        case .failed: (.backoff(backoff), min(backoff * 2, configuration.maxBackoff))
        }
    }

    /// `duration` ± `fraction` of it, at random.
    static func jittered(_ duration: Duration, by fraction: Double) -> Duration {
        var generator = SystemRandomNumberGenerator()
        return jittered(duration, by: fraction, using: &generator)
    }

    static func jittered(_ duration: Duration, by fraction: Double, using generator: inout some RandomNumberGenerator) -> Duration {
        guard fraction > 0 else { return duration }
        return duration * Double.random(in: (1 - fraction)...(1 + fraction), using: &generator)
    }
}

extension PeriodicWorker.Pause {
    func jittered(by fraction: Double) -> Self {
        switch self {
        case .idle(let duration): .idle(PeriodicWorker.jittered(duration, by: fraction))
        case .backoff(let duration): .backoff(PeriodicWorker.jittered(duration, by: fraction))
        }
    }
}
