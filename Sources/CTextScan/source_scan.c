#include "CTextScan.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/// Whether `byte` is escaped or replaced on a page (a line feed ends a row instead).
static inline int tidemark_is_escaped(uint8_t byte) {
    return byte == '<' || byte == '>' || byte == '&' || byte == 0x7F
        || (byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\f');
}

size_t tidemark_scan_source(
    const uint8_t *bytes, size_t count, size_t from, uint32_t *newlines, size_t newline_capacity,
    size_t *newline_count, uint32_t *escapes, size_t escape_capacity, size_t *escape_count) {
    size_t lines = *newline_count;
    size_t escaped = *escape_count;
    size_t at = from;
#if defined(__SSE2__)
    const __m128i less = _mm_set1_epi8('<');
    const __m128i greater = _mm_set1_epi8('>');
    const __m128i ampersand = _mm_set1_epi8('&');
    const __m128i delete = _mm_set1_epi8(0x7F);
    const __m128i lastControl = _mm_set1_epi8(0x1F);
    while (at + 16 <= count) {
        __m128i block = _mm_loadu_si128((const __m128i *)(bytes + at));
        __m128i marked = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(block, less), _mm_cmpeq_epi8(block, greater)),
            _mm_or_si128(_mm_cmpeq_epi8(block, ampersand), _mm_cmpeq_epi8(block, delete)));
        // Bytes up to 0x1F: those the unsigned minimum with 0x1F leaves unchanged.
        marked = _mm_or_si128(marked, _mm_cmpeq_epi8(_mm_min_epu8(block, lastControl), block));
        unsigned mask = (unsigned)_mm_movemask_epi8(marked);
        while (mask != 0) {
            size_t offset = at + (size_t)__builtin_ctz(mask);
            uint8_t byte = bytes[offset];
            if (byte == '\n') {
                if (lines == newline_capacity) { at = offset; goto full; }
                newlines[lines++] = (uint32_t)offset;
            } else if (byte != '\t' && byte != '\f') {
                if (escaped == escape_capacity) { at = offset; goto full; }
                escapes[escaped++] = (uint32_t)offset;
            }
            mask &= mask - 1;
        }
        at += 16;
    }
#endif
    for (; at < count; at++) {
        uint8_t byte = bytes[at];
        if (byte == '\n') {
            if (lines == newline_capacity) goto full;
            newlines[lines++] = (uint32_t)at;
        } else if (tidemark_is_escaped(byte)) {
            if (escaped == escape_capacity) goto full;
            escapes[escaped++] = (uint32_t)at;
        }
    }
    *newline_count = lines;
    *escape_count = escaped;
    return count;
full:
    *newline_count = lines;
    *escape_count = escaped;
    return at;
}
