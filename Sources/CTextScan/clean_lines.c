#include "CTextScan.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

int tidemark_lines_are_clean(const uint8_t *bytes, size_t count) {
    size_t at = 0;
    // The first byte has none before it: a line feed there ends an empty line.
    if (count > 0 && bytes[0] == '\r') return 0;
    at = 1;
#if defined(__SSE2__)
    const __m128i feed = _mm_set1_epi8('\n');
    const __m128i carriage = _mm_set1_epi8('\r');
    const __m128i space = _mm_set1_epi8(' ');
    const __m128i tab = _mm_set1_epi8('\t');
    while (at + 16 <= count) {
        __m128i block = _mm_loadu_si128((const __m128i *)(bytes + at));
        // The byte before each byte of the block.
        __m128i before = _mm_loadu_si128((const __m128i *)(bytes + at - 1));
        __m128i blank = _mm_or_si128(_mm_cmpeq_epi8(before, space), _mm_cmpeq_epi8(before, tab));
        __m128i bad = _mm_or_si128(_mm_cmpeq_epi8(block, carriage), _mm_and_si128(_mm_cmpeq_epi8(block, feed), blank));
        if (_mm_movemask_epi8(bad) != 0) return 0;
        at += 16;
    }
#endif
    for (; at < count; at++) {
        if (bytes[at] == '\r') return 0;
        if (bytes[at] == '\n' && (bytes[at - 1] == ' ' || bytes[at - 1] == '\t')) return 0;
    }
    return 1;
}
