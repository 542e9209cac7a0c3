#ifndef TIDEMARK_SCAN_LEVEL_H
#define TIDEMARK_SCAN_LEVEL_H

/// The step scans take on this thread: 1 one byte, 2 SSE2, 3 AVX2 (`tidemark_text_scan_use`).
int tidemark_scan_level(void);

#endif
