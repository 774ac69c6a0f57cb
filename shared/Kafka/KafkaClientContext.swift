internal import CRdKafka
import Logging

/// What librdkafka's handle-level callbacks (log, error, delivery report) need. It is the handle's
/// `opaque` (passed unretained: the ``KafkaClientHandle`` that owns the `rd_kafka_t` keeps it alive
/// until after `rd_kafka_destroy`, and librdkafka calls back only while the handle exists).
final class KafkaClientContext: Sendable {
    let logger: Logger
    /// Producer only: the pending `send` calls, resolved by delivery reports.
    let deliveries: DeliveryRegistry?
    /// Called (on a librdkafka or poll thread) when librdkafka raises a fatal error.
    let onFatalError: @Sendable (KafkaError) -> Void

    init(logger: Logger, deliveries: DeliveryRegistry? = nil, onFatalError: @escaping @Sendable (KafkaError) -> Void = { _ in }) {
        self.logger = logger
        self.deliveries = deliveries
        self.onFatalError = onFatalError
    }

    static func from(_ opaque: UnsafeMutableRawPointer?) -> KafkaClientContext? {
        opaque.map { Unmanaged<KafkaClientContext>.fromOpaque($0).takeUnretainedValue() }
    }

    /// Installs the log and error callbacks and the context as the configuration's opaque.
    func install(on conf: OpaquePointer) {
        rd_kafka_conf_set_opaque(conf, Unmanaged.passUnretained(self).toOpaque())
        rd_kafka_conf_set_log_cb(conf) { rk, level, facility, message in
            // Called from librdkafka's internal threads; Logger is thread-safe.
            guard let rk, let context = KafkaClientContext.from(rd_kafka_opaque(rk)) else { return }
            let text = message.map { String(cString: $0) } ?? ""
            let facilityText = facility.map { String(cString: $0) } ?? ""
            context.logger.log(level: Logger.Level(syslogLevel: level), "\(text)", metadata: ["kafka.facility": "\(facilityText)"])
        }
        rd_kafka_conf_set_error_cb(conf) { rk, error, reason, opaque in
            guard let context = KafkaClientContext.from(opaque) else { return }
            let code = KafkaErrorCode(rawValue: error)
            let text = reason.map { String(cString: $0) } ?? ""
            if code == .fatal, let rk {
                var buffer = [CChar](repeating: 0, count: 512)
                let original = rd_kafka_fatal_error(rk, &buffer, buffer.count)
                let fatal = KafkaError.fatal(code: KafkaErrorCode(original), message: String(cBuffer: buffer))
                context.logger.error("librdkafka fatal error", metadata: ["error": "\(fatal)"])
                context.onFatalError(fatal)
            } else {
                // Transient: librdkafka keeps retrying. Single connection failures are also
                // reported through the log callback, so only "all brokers down" is a warning here.
                let level: Logger.Level = code == KafkaErrorCode(RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN) ? .warning : .debug
                context.logger.log(level: level, "librdkafka error", metadata: ["kafka.error": "\(code.name)", "reason": "\(text)"])
            }
        }
    }
}

extension Logger.Level {
    init(syslogLevel: Int32) {
        switch syslogLevel {
        case ...2: self = .critical
        case 3: self = .error
        case 4: self = .warning
        case 5: self = .notice
        case 6: self = .info
        default: self = .debug
        }
    }
}
