import Foundation
import InkwellEvents
import InkwellServiceKit
import Logging
import ServiceLifecycle

/// Delivers the `mail_outbox` outside any request: claims due messages, hands them to the
/// transport, marks them sent, and on failure retries with exponential backoff (1 s doubling up
/// to 5 minutes, never giving up), so an SMTP outage delays mail and never loses it.
public struct MailSender: Service {
    let queue: any MailQueue
    let transport: any MailTransport
    let signal: OutboxSignal
    let ready: ReadinessFlag
    let logger: Logger
    let pollInterval: Duration

    /// - Parameters:
    ///   - signal: wakes the sender when a transaction that enqueued mail commits.
    ///   - ready: set once the migrations are applied (the table exists).
    public init(queue: any MailQueue, transport: any MailTransport, signal: OutboxSignal, ready: ReadinessFlag, logger: Logger, pollInterval: Duration = .seconds(1)) {
        self.queue = queue
        self.transport = transport
        self.signal = signal
        self.ready = ready
        self.logger = logger
        self.pollInterval = pollInterval
    }

    /// The delay before attempt `attempts + 1`.
    public static func backoff(afterAttempts attempts: Int) -> Duration {
        .seconds(min(300, 1 << min(max(attempts - 1, 0), 9)))
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown { await self.loop() }
    }

    func loop() async {
        while !Task.isCancelled {
            guard ready.isSet else {
                try? await Task.sleep(for: .milliseconds(100))
                continue
            }
            var claimedFull = false
            do {
                let batch = try await queue.claim(limit: 10, lease: .seconds(60))
                claimedFull = batch.count == 10
                for mail in batch { await deliver(mail) }
            } catch {
                logger.warning("mail outbox unavailable", metadata: ["error": "\(error)"])
            }
            if !claimedFull { await signal.wait(timeout: pollInterval) }
        }
    }

    func deliver(_ mail: QueuedMail) async {
        do {
            try await transport.deliver(mail)
            try await queue.markSent(id: mail.id)
            logger.info("mail sent", metadata: ["mail_id": "\(mail.id)"])
        } catch {
            let retryIn = Self.backoff(afterAttempts: mail.attempts)
            // The error names the transport's problem (never the message, which may hold a token).
            logger.warning("mail delivery failed; will retry", metadata: ["mail_id": "\(mail.id)", "attempt": "\(mail.attempts)", "retry_in": "\(retryIn)", "error": "\(error)"])
            try? await queue.markFailed(id: mail.id, error: "\(error)", retryIn: retryIn)
        }
    }
}
