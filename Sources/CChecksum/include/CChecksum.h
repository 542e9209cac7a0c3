#ifndef TIDEMARK_CCHECKSUM_H
#define TIDEMARK_CCHECKSUM_H

#include <stddef.h>
#include <stdint.h>

/// Carries zlib's CRC-32 (`*crc`, as `crc32` returns it) and Adler-32 (`*adler`, as `adler32`
/// returns it) of a stream over the longest prefix of `bytes` whose length is a multiple of 64,
/// where the processor can take 64 bytes a step (PCLMULQDQ, SSE4.1 and SSSE3, checked at run time);
/// returns the length of that prefix, 0 elsewhere. The caller hands the remaining bytes to zlib's
/// `crc32` and `adler32`, which give the same values as zlib over all of them.
size_t tidemark_checksums_prefix(const uint8_t *bytes, size_t count, uint32_t *crc, uint32_t *adler);

/// For tests: whether `tidemark_checksums_prefix` takes its vector steps on this processor.
int tidemark_checksums_are_vectorised(void);

#endif
