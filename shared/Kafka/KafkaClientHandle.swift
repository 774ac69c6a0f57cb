internal import CRdKafka
import Logging

/// Owns one librdkafka client (`rd_kafka_t`) and destroys it in `deinit`.
///
/// `@unchecked Sendable`: the stored properties are immutable after `init`; librdkafka's handle
/// is thread-safe for the calls made from several threads here (`rd_kafka_producev`,
/// `rd_kafka_poll`, `rd_kafka_offsets_store`, `rd_kafka_commit`, `rd_kafka_metadata`), and the
/// calls that are not (`rd_kafka_consumer_poll`, `rd_kafka_consumer_close`) are made only by the
/// handle's single poll thread. `rd_kafka_destroy` runs exactly once, in `deinit`, when no
/// thread can use the handle any more.
final class KafkaClientHandle: @unchecked Sendable {
    let pointer: OpaquePointer
    /// Kept alive for as long as `pointer`, because librdkafka holds it (unretained) as opaque.
    let context: KafkaClientContext
    private let destroyFlags: Int32

    /// - Parameter configure: further `rd_kafka_conf_*` calls (callbacks) before the handle is created.
    init(
        type: rd_kafka_type_t,
        properties: [(String, String)],
        context: KafkaClientContext,
        destroyFlags: Int32 = 0,
        configure: (OpaquePointer) -> Void = { _ in }
    ) throws {
        guard let conf = rd_kafka_conf_new() else { throw KafkaError.clientCreationFailed(message: "rd_kafka_conf_new failed") }
        var errorText = [CChar](repeating: 0, count: 512)
        for (name, value) in properties {
            if rd_kafka_conf_set(conf, name, value, &errorText, errorText.count) != RD_KAFKA_CONF_OK {
                rd_kafka_conf_destroy(conf)
                throw KafkaError.invalidConfiguration(property: name, message: String(cBuffer: errorText))
            }
        }
        context.install(on: conf)
        configure(conf)
        // On success rd_kafka_new owns `conf`; on failure it is still ours.
        guard let rk = rd_kafka_new(type, conf, &errorText, errorText.count) else {
            rd_kafka_conf_destroy(conf)
            throw KafkaError.clientCreationFailed(message: String(cBuffer: errorText))
        }
        pointer = rk
        self.context = context
        self.destroyFlags = destroyFlags
    }

    deinit {
        // Blocks while librdkafka joins its threads; the last reference is normally dropped by
        // the poll thread when it ends, not by a task on the cooperative pool.
        rd_kafka_destroy_flags(pointer, destroyFlags)
    }
}
