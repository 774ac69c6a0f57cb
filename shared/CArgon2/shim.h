#ifndef INKWELL_CARGON2_SHIM_H
#define INKWELL_CARGON2_SHIM_H
#include <argon2.h>
#endif
