#ifndef INKWELL_CRDKAFKA_SHIM_H
#define INKWELL_CRDKAFKA_SHIM_H
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#endif
