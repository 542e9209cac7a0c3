#include "CTextScan.h"
#include "scan_level.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define TIDEMARK_X86 1
#endif

/// From `at` to the end, one byte at a time.
static int tidemark_lines_are_clean_tail(const uint8_t *bytes, size_t count, size_t at) {
    for (; at < count; at++) {
        if (bytes[at] == '\r') return 0;
        if (bytes[at] == '\n' && (bytes[at - 1] == ' ' || bytes[at - 1] == '\t')) return 0;
    }
    return 1;
}

#if defined(TIDEMARK_X86)
/// Thirty-two bytes a step, where the processor has AVX2 (checked once, at run time).
__attribute__((target("avx2"))) static int tidemark_lines_are_clean_avx2(const uint8_t *bytes, size_t count) {
    size_t at = 1;
    const __m256i feed = _mm256_set1_epi8('\n');
    const __m256i carriage = _mm256_set1_epi8('\r');
    const __m256i space = _mm256_set1_epi8(' ');
    const __m256i tab = _mm256_set1_epi8('\t');
    while (at + 32 <= count) {
        __m256i block = _mm256_loadu_si256((const __m256i *)(bytes + at));
        // The byte before each byte of the block.
        __m256i before = _mm256_loadu_si256((const __m256i *)(bytes + at - 1));
        __m256i blank = _mm256_or_si256(_mm256_cmpeq_epi8(before, space), _mm256_cmpeq_epi8(before, tab));
        __m256i bad = _mm256_or_si256(
            _mm256_cmpeq_epi8(block, carriage), _mm256_and_si256(_mm256_cmpeq_epi8(block, feed), blank));
        if (_mm256_movemask_epi8(bad) != 0) return 0;
        at += 32;
    }
    return tidemark_lines_are_clean_tail(bytes, count, at);
}

/// Sixteen bytes a step (SSE2, which every x86-64 processor has).
static int tidemark_lines_are_clean_sse2(const uint8_t *bytes, size_t count) {
    size_t at = 1;
    const __m128i feed = _mm_set1_epi8('\n');
    const __m128i carriage = _mm_set1_epi8('\r');
    const __m128i space = _mm_set1_epi8(' ');
    const __m128i tab = _mm_set1_epi8('\t');
    while (at + 16 <= count) {
        __m128i block = _mm_loadu_si128((const __m128i *)(bytes + at));
        __m128i before = _mm_loadu_si128((const __m128i *)(bytes + at - 1));
        __m128i blank = _mm_or_si128(_mm_cmpeq_epi8(before, space), _mm_cmpeq_epi8(before, tab));
        __m128i bad = _mm_or_si128(_mm_cmpeq_epi8(block, carriage), _mm_and_si128(_mm_cmpeq_epi8(block, feed), blank));
        if (_mm_movemask_epi8(bad) != 0) return 0;
        at += 16;
    }
    return tidemark_lines_are_clean_tail(bytes, count, at);
}
#endif

int tidemark_lines_are_clean(const uint8_t *bytes, size_t count) {
    if (count == 0) return 1;
    // The first byte has none before it: a line feed there ends an empty line.
    if (bytes[0] == '\r') return 0;
#if defined(TIDEMARK_X86)
    int level = tidemark_scan_level();
    if (level == 3) return tidemark_lines_are_clean_avx2(bytes, count);
    if (level == 2) return tidemark_lines_are_clean_sse2(bytes, count);
    return tidemark_lines_are_clean_tail(bytes, count, 1);
#else
    return tidemark_lines_are_clean_tail(bytes, count, 1);
#endif
}
