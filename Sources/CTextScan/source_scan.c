#include "CTextScan.h"
#include "scan_level.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define TIDEMARK_X86 1
#endif

/// Where a scan writes what it finds.
typedef struct {
    uint32_t *newlines;
    size_t newline_capacity;
    size_t newline_count;
    uint32_t *escapes;
    size_t escape_capacity;
    size_t escape_count;
} tidemark_scan_found;

/// Whether `byte` is escaped or replaced on a page (a line feed ends a row instead).
static inline int tidemark_is_escaped(uint8_t byte) {
    return byte == '<' || byte == '>' || byte == '&' || byte == 0x7F
        || (byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\f');
}

/// Records the marked byte at `offset` (a line feed, an escaped byte, or a tab or form feed, which
/// the vector steps mark too and which are kept); 0 when there is no room for it.
static inline int tidemark_record(const uint8_t *bytes, size_t offset, tidemark_scan_found *found) {
    uint8_t byte = bytes[offset];
    if (byte == '\n') {
        if (found->newline_count == found->newline_capacity) return 0;
        found->newlines[found->newline_count++] = (uint32_t)offset;
    } else if (byte != '\t' && byte != '\f') {
        if (found->escape_count == found->escape_capacity) return 0;
        found->escapes[found->escape_count++] = (uint32_t)offset;
    }
    return 1;
}

/// From `at` to the end, one byte at a time; returns `count`, or where it ran out of room.
static size_t tidemark_scan_tail(const uint8_t *bytes, size_t count, size_t at, tidemark_scan_found *found) {
    for (; at < count; at++) {
        if ((bytes[at] == '\n' || tidemark_is_escaped(bytes[at])) && !tidemark_record(bytes, at, found)) return at;
    }
    return count;
}

#if defined(TIDEMARK_X86)
/// Thirty-two bytes a step, where the processor has AVX2 (checked once, at run time).
__attribute__((target("avx2"))) static size_t tidemark_scan_avx2(
    const uint8_t *bytes, size_t count, size_t at, tidemark_scan_found *found) {
    const __m256i less = _mm256_set1_epi8('<');
    const __m256i greater = _mm256_set1_epi8('>');
    const __m256i ampersand = _mm256_set1_epi8('&');
    const __m256i delete = _mm256_set1_epi8(0x7F);
    const __m256i last_control = _mm256_set1_epi8(0x1F);
    while (at + 32 <= count) {
        __m256i block = _mm256_loadu_si256((const __m256i *)(bytes + at));
        __m256i marked = _mm256_or_si256(
            _mm256_or_si256(_mm256_cmpeq_epi8(block, less), _mm256_cmpeq_epi8(block, greater)),
            _mm256_or_si256(_mm256_cmpeq_epi8(block, ampersand), _mm256_cmpeq_epi8(block, delete)));
        // Bytes up to 0x1F: those the unsigned minimum with 0x1F leaves unchanged.
        marked = _mm256_or_si256(marked, _mm256_cmpeq_epi8(_mm256_min_epu8(block, last_control), block));
        uint32_t mask = (uint32_t)_mm256_movemask_epi8(marked);
        while (mask != 0) {
            size_t offset = at + (size_t)__builtin_ctz(mask);
            if (!tidemark_record(bytes, offset, found)) return offset;
            mask &= mask - 1;
        }
        at += 32;
    }
    return tidemark_scan_tail(bytes, count, at, found);
}

/// Sixteen bytes a step (SSE2, which every x86-64 processor has).
static size_t tidemark_scan_sse2(const uint8_t *bytes, size_t count, size_t at, tidemark_scan_found *found) {
    const __m128i less = _mm_set1_epi8('<');
    const __m128i greater = _mm_set1_epi8('>');
    const __m128i ampersand = _mm_set1_epi8('&');
    const __m128i delete = _mm_set1_epi8(0x7F);
    const __m128i last_control = _mm_set1_epi8(0x1F);
    while (at + 16 <= count) {
        __m128i block = _mm_loadu_si128((const __m128i *)(bytes + at));
        __m128i marked = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(block, less), _mm_cmpeq_epi8(block, greater)),
            _mm_or_si128(_mm_cmpeq_epi8(block, ampersand), _mm_cmpeq_epi8(block, delete)));
        marked = _mm_or_si128(marked, _mm_cmpeq_epi8(_mm_min_epu8(block, last_control), block));
        unsigned mask = (unsigned)_mm_movemask_epi8(marked);
        while (mask != 0) {
            size_t offset = at + (size_t)__builtin_ctz(mask);
            if (!tidemark_record(bytes, offset, found)) return offset;
            mask &= mask - 1;
        }
        at += 16;
    }
    return tidemark_scan_tail(bytes, count, at, found);
}
#endif

size_t tidemark_scan_source(
    const uint8_t *bytes, size_t count, size_t from, uint32_t *newlines, size_t newline_capacity,
    size_t *newline_count, uint32_t *escapes, size_t escape_capacity, size_t *escape_count) {
    tidemark_scan_found found = {newlines, newline_capacity, *newline_count, escapes, escape_capacity, *escape_count};
    int level = tidemark_scan_level();
    size_t stopped;
#if defined(TIDEMARK_X86)
    if (level == 3) stopped = tidemark_scan_avx2(bytes, count, from, &found);
    else if (level == 2) stopped = tidemark_scan_sse2(bytes, count, from, &found);
    else stopped = tidemark_scan_tail(bytes, count, from, &found);
#else
    (void)level;
    stopped = tidemark_scan_tail(bytes, count, from, &found);
#endif
    *newline_count = found.newline_count;
    *escape_count = found.escape_count;
    return stopped;
}
