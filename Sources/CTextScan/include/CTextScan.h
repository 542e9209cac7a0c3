#ifndef TIDEMARK_CTEXTSCAN_H
#define TIDEMARK_CTEXTSCAN_H

#include <stddef.h>
#include <stdint.h>

/// One pass over a source file's bytes, from offset `from`: the offsets of its line feeds go to
/// `newlines`, and those of the bytes a page cannot show as they are (`&`, `<`, `>`, DEL and the
/// control characters but tab, line feed and form feed) to `escapes`, both in ascending order,
/// after the `*newline_count` and `*escape_count` entries already there. Thirty-two bytes are looked
/// at in each step where the processor has AVX2, sixteen with SSE2 (every x86-64 processor), one
/// elsewhere.
///
/// Returns `count` when every byte was scanned, or the offset of the first byte it had no room to
/// record (call again from there with room); the counts are updated either way.
size_t tidemark_scan_source(
    const uint8_t *bytes, size_t count, size_t from, uint32_t *newlines, size_t newline_capacity,
    size_t *newline_count, uint32_t *escapes, size_t escape_capacity, size_t *escape_count);

/// Whether `bytes` hold no carriage return and no space or tab right before a line feed: a page
/// that is so is written as it is (`PageBytes.clean`).
int tidemark_lines_are_clean(const uint8_t *bytes, size_t count);

/// For tests: on the calling thread, scans use the step of `level` (1: one byte, 2: SSE2, 3: AVX2;
/// 0: the widest the processor has, as by default), so that every step is tested on any machine.
/// A step the processor lacks is not taken (the next narrower one is).
void tidemark_text_scan_use(int level);

#endif
