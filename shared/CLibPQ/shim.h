#ifndef INKWELL_CLIBPQ_SHIM_H
#define INKWELL_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
