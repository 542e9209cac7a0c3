#include "CChecksum.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

// CRC-32 of the reflected polynomial 0xEDB88320 (zlib, gzip) by carry-less multiplication, as in
// V. Gopal et al., "Fast CRC Computation for Generic Polynomials Using PCLMULQDQ Instruction"
// (Intel, 2009): four 128-bit lanes are folded forward over 64 bytes a step, then into one lane,
// then reduced to 96, 64 and (Barrett) 32 bits. The constants are the paper's for this polynomial,
// bit-reflected: x^(4·128+32) and x^(4·128−32) mod P, x^(128+32) and x^(128−32) mod P, x^64 mod P,
// then μ and P.
static const uint64_t fold_four[2] = {0x0154442bd4, 0x01c6e41596};
static const uint64_t fold_one[2] = {0x01751997d0, 0x00ccaa009e};
static const uint64_t fold_to_64[2] = {0x0163cd6124, 0};
static const uint64_t barrett[2] = {0x01db710641, 0x01f7011641};

#define TIDEMARK_CRC_TARGET __attribute__((target("pclmul,sse4.1")))

/// `lane` carried 128 bits forward by `constants` (its halves multiplied by their own constant),
/// with `next` added.
TIDEMARK_CRC_TARGET static inline __m128i tidemark_fold(__m128i lane, __m128i constants, __m128i next) {
    __m128i low = _mm_clmulepi64_si128(lane, constants, 0x00);
    __m128i high = _mm_clmulepi64_si128(lane, constants, 0x11);
    return _mm_xor_si128(_mm_xor_si128(low, high), next);
}

/// The CRC register (zlib's value complemented) after `count` bytes, a non-zero multiple of 64.
TIDEMARK_CRC_TARGET static uint32_t tidemark_crc32_clmul(uint32_t state, const uint8_t *bytes, size_t count) {
    __m128i lanes[4];
    for (int lane = 0; lane < 4; lane++) lanes[lane] = _mm_loadu_si128((const __m128i *)(bytes + 16 * lane));
    lanes[0] = _mm_xor_si128(lanes[0], _mm_cvtsi32_si128((int)state));
    __m128i constants = _mm_loadu_si128((const __m128i *)fold_four);
    for (size_t at = 64; at < count; at += 64) {
        for (int lane = 0; lane < 4; lane++) {
            lanes[lane] = tidemark_fold(lanes[lane], constants, _mm_loadu_si128((const __m128i *)(bytes + at + 16 * lane)));
        }
    }
    constants = _mm_loadu_si128((const __m128i *)fold_one);
    __m128i value = tidemark_fold(lanes[0], constants, lanes[1]);
    value = tidemark_fold(value, constants, lanes[2]);
    value = tidemark_fold(value, constants, lanes[3]);
    // 128 bits to 96, then to 64.
    const __m128i low32 = _mm_setr_epi32(-1, 0, -1, 0);
    value = _mm_xor_si128(_mm_srli_si128(value, 8), _mm_clmulepi64_si128(value, constants, 0x10));
    __m128i high = _mm_srli_si128(value, 4);
    value = _mm_clmulepi64_si128(_mm_and_si128(value, low32), _mm_loadl_epi64((const __m128i *)fold_to_64), 0x00);
    value = _mm_xor_si128(value, high);
    // Barrett reduction to 32 bits.
    const __m128i polynomial = _mm_loadu_si128((const __m128i *)barrett);
    __m128i quotient = _mm_and_si128(_mm_clmulepi64_si128(_mm_and_si128(value, low32), polynomial, 0x10), low32);
    value = _mm_xor_si128(value, _mm_clmulepi64_si128(quotient, polynomial, 0x00));
    return (uint32_t)_mm_extract_epi32(value, 1);
}

/// Adler-32's modulus, and the most 32-byte blocks after which its second sum still fits in 32
/// bits (zlib's NMAX, 5 552 bytes, rounded down to blocks).
enum { tidemark_adler_base = 65521, tidemark_adler_blocks = 5552 / 32 };

/// zlib's Adler-32 after `count` more bytes, a multiple of 32: per block, the bytes' sum and their
/// sum weighted 32 … 1; the second sum also gains 32 × the first sum at each block's start.
__attribute__((target("ssse3"))) static uint32_t tidemark_adler32_ssse3(
    uint32_t adler, const uint8_t *bytes, size_t count)
{
    uint32_t first = adler & 0xffff, second = adler >> 16;
    const __m128i weights_front = _mm_setr_epi8(32, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17);
    const __m128i weights_back = _mm_setr_epi8(16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1);
    const __m128i ones = _mm_set1_epi16(1);
    const __m128i zero = _mm_setzero_si128();
    size_t blocks = count / 32;
    while (blocks > 0) {
        size_t run = blocks < tidemark_adler_blocks ? blocks : tidemark_adler_blocks;
        blocks -= run;
        // The first sum at each block's start, summed over the run's blocks: the run's start value
        // `run` times, plus the bytes of the blocks before each block.
        __m128i starts = _mm_cvtsi32_si128((int)(first * (uint32_t)run));
        __m128i sums = zero;
        __m128i weighted = zero;
        for (size_t block = 0; block < run; block++) {
            const __m128i front = _mm_loadu_si128((const __m128i *)bytes);
            const __m128i back = _mm_loadu_si128((const __m128i *)(bytes + 16));
            starts = _mm_add_epi32(starts, sums);
            sums = _mm_add_epi32(sums, _mm_add_epi32(_mm_sad_epu8(front, zero), _mm_sad_epu8(back, zero)));
            weighted = _mm_add_epi32(weighted, _mm_madd_epi16(_mm_maddubs_epi16(front, weights_front), ones));
            weighted = _mm_add_epi32(weighted, _mm_madd_epi16(_mm_maddubs_epi16(back, weights_back), ones));
            bytes += 32;
        }
        weighted = _mm_add_epi32(weighted, _mm_slli_epi32(starts, 5));
        // Horizontal sums: `sums` holds two 64-bit lanes (16-bit values), `weighted` four 32-bit ones.
        sums = _mm_add_epi32(sums, _mm_shuffle_epi32(sums, _MM_SHUFFLE(1, 0, 3, 2)));
        weighted = _mm_add_epi32(weighted, _mm_shuffle_epi32(weighted, _MM_SHUFFLE(2, 3, 0, 1)));
        weighted = _mm_add_epi32(weighted, _mm_shuffle_epi32(weighted, _MM_SHUFFLE(1, 0, 3, 2)));
        first = (first + (uint32_t)_mm_cvtsi128_si32(sums)) % tidemark_adler_base;
        second = (second + (uint32_t)_mm_cvtsi128_si32(weighted)) % tidemark_adler_base;
    }
    return first | (second << 16);
}
#endif

int tidemark_checksums_are_vectorised(void) {
#if defined(__x86_64__) || defined(__i386__)
    return __builtin_cpu_supports("pclmul") && __builtin_cpu_supports("sse4.1") && __builtin_cpu_supports("ssse3");
#else
    return 0;
#endif
}

size_t tidemark_checksums_prefix(const uint8_t *bytes, size_t count, uint32_t *crc, uint32_t *adler) {
#if defined(__x86_64__) || defined(__i386__)
    size_t prefix = count & ~(size_t)63;
    if (prefix == 0 || !tidemark_checksums_are_vectorised()) return 0;
    *crc = ~tidemark_crc32_clmul(~*crc, bytes, prefix);
    *adler = tidemark_adler32_ssse3(*adler, bytes, prefix);
    return prefix;
#else
    (void)bytes;
    (void)count;
    (void)crc;
    (void)adler;
    return 0;
#endif
}
