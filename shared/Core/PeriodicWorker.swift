import Logging
import ServiceLifecycle

/// A background loop as a `Service`: runs `work` again and again, waiting between runs, backing
/// off with jitter after failures, until graceful shutdown. The one loop behind the key ring's
/// reload, the mail sender, the outbox relay and schedulers.
///
/// `work` says what comes next: ``Outcome/idle`` waits `interval` (or until `wake` is signalled),
/// ``Outcome/more`` runs again at once, ``Outcome/failed`` (or a thrown error, which is logged)
/// waits the current backoff: from `minBackoff`, doubling to `maxBackoff`, each wait ±`jitter`
/// so replicas drift apart; a signal does not cut a backoff short (an outage must not be hammered).
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
            self.maxBackoff = maxBackoff
            self.jitter = jitter
        }
    }

    let name: String
    let configuration: Configuration
    let wake: WakeSignal?
    let logger: Logger
    let work: @Sendable () async throws -> Outcome

    public init(name: String, configuration: Configuration, wake: WakeSignal? = nil, logger: Logger, work: @escaping @Sendable () async throws -> Outcome) {
        self.name = name
        self.configuration = configuration
        self.wake = wake
        self.logger = logger
        self.work = work
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
            switch outcome {
            case .more:
                backoff = configuration.minBackoff
            case .idle:
                backoff = configuration.minBackoff
                let pause = Self.jittered(configuration.interval, by: configuration.jitter)
                if let wake { await wake.wait(timeout: pause) } else { try? await Task.sleep(for: pause) }
            case .failed:
                try? await Task.sleep(for: Self.jittered(backoff, by: configuration.jitter))
                backoff = min(backoff * 2, configuration.maxBackoff)
            }
        }
    }

    /// `duration` ± `fraction` of it, at random.
    static func jittered(_ duration: Duration, by fraction: Double) -> Duration {
        guard fraction > 0 else { return duration }
        return duration * Double.random(in: (1 - fraction)...(1 + fraction))
    }
}
