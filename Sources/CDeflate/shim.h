#ifndef TIDEMARK_CDEFLATE_SHIM_H
#define TIDEMARK_CDEFLATE_SHIM_H
#include <libdeflate.h>
#endif
