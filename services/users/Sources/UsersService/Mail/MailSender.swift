import InkwellCore
import Foundation
import InkwellEvents
import InkwellServiceKit
import Logging
import ServiceLifecycle

/// Delivers the `mail_outbox` outside any request: claims due messages, mints each one's link
/// token (storing only its hash, in a short transaction of its own, before the mail leaves),
/// renders and hands it to the transport, marks it sent, and on failure retries with exponential
/// backoff (1 s doubling up to 5 minutes, never giving up), so an SMTP outage delays mail and
/// never loses it. No transaction or pool connection is held across the transport call.
public struct MailSender: Service {
    let queue: any MailQueue
    let mailer: AccountMailer
    let transport: any MailTransport
    let signal: WakeSignal
    let logger: Logger
    let pollInterval: Duration

    /// - Parameters:
    ///   - signal: wakes the sender when a transaction that enqueued mail commits.
    public init(queue: any MailQueue, mailer: AccountMailer, transport: any MailTransport, signal: WakeSignal, logger: Logger, pollInterval: Duration = .seconds(1)) {
        self.queue = queue
        self.mailer = mailer
        self.transport = transport
        self.signal = signal
        self.logger = logger
        self.pollInterval = pollInterval
    }

    /// The delay before attempt `attempts + 1`.
    public static func backoff(afterAttempts attempts: Int) -> Duration {
        .seconds(min(300, 1 << min(max(attempts - 1, 0), 9)))
    }

    public func run() async throws {
        try await worker.run()
    }

    /// Claims and delivers batches: a full batch runs again at once, otherwise it waits for the
    /// signal or `pollInterval`; while the queue (the database) fails it backs off from 250 ms
    /// up to 5 s.
    var worker: PeriodicWorker {
        PeriodicWorker(
            name: "mail-sender", configuration: .init(interval: pollInterval, minBackoff: .milliseconds(250), maxBackoff: .seconds(5)),
            wake: signal, logger: logger
        ) { [self] in try await self.sendBatch() }
    }

    /// One run of the worker: claims up to 10 due messages and delivers them.
    func sendBatch() async throws -> PeriodicWorker.Outcome {
        let batch = try await queue.claim(limit: Self.batchSize, lease: .seconds(60))
        for mail in batch { await deliver(mail) }
        return batch.count == Self.batchSize ? .more : .idle
    }

    static let batchSize = 10

    func deliver(_ pending: PendingMail) async {
        // Nothing to send any more: the account is gone or has another address, or is verified already.
        guard let account = pending.account, account.email == pending.recipient, !(pending.kind == .verifyEmail && account.emailVerified) else {
            try? await queue.markDropped(id: pending.id, reason: "nothing to send: the account changed")
            return
        }
        let token = EmailToken.make(for: account.id, purpose: pending.kind)
        let message: String
        do {
            let mail = mailer.mail(pending.kind, to: account, address: pending.recipient, secret: token.secret)
            message = try mail.rendered()
        } catch {
            logger.error("mail not renderable; dropped", metadata: ["mail_id": "\(pending.id)", "error": "\(error)"])
            try? await queue.markDropped(id: pending.id, reason: "\(error)")
            return
        }
        do {
            try await queue.storeToken(token.stored, for: pending)
            try await transport.deliver(QueuedMail(id: pending.id, sender: mailer.from.address, recipient: pending.recipient, message: message, attempts: pending.attempts))
            try await queue.markSent(id: pending.id)
            logger.info("mail sent", metadata: ["mail_id": "\(pending.id)"])
        } catch {
            let retryIn = Self.backoff(afterAttempts: pending.attempts)
            // The error names the transport's problem (never the message, which holds a token).
            logger.warning("mail delivery failed; will retry", metadata: ["mail_id": "\(pending.id)", "attempt": "\(pending.attempts)", "retry_in": "\(retryIn)", "error": "\(error)"])
            try? await queue.markFailed(id: pending.id, error: "\(error)", retryIn: retryIn)
        }
    }
}
