#ifndef INKWELL_CRDKAFKA_SHIM_H
#define INKWELL_CRDKAFKA_SHIM_H
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

/// Typed wrapper around the variadic `rd_kafka_producev` (Swift cannot call C variadics).
/// The payload and key are copied (`RD_KAFKA_MSG_F_COPY`); on success librdkafka owns `headers`
/// (may be NULL), on failure the caller still owns and must destroy them.
static inline rd_kafka_resp_err_t inkwell_rd_kafka_produce(
    rd_kafka_t *rk, const char *topic,
    const void *key, size_t key_len,
    const void *value, size_t value_len,
    rd_kafka_headers_t *headers, void *opaque)
{
    return rd_kafka_producev(
        rk,
        RD_KAFKA_V_TOPIC(topic),
        RD_KAFKA_V_PARTITION(RD_KAFKA_PARTITION_UA),
        RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
        RD_KAFKA_V_KEY(key, key_len),
        RD_KAFKA_V_VALUE((void *)value, value_len),
        RD_KAFKA_V_HEADERS(headers),
        RD_KAFKA_V_OPAQUE(opaque),
        RD_KAFKA_V_END);
}
#endif
