#include "CTextScan.h"
#include "scan_level.h"

static _Thread_local int tidemark_forced_level = 0;

void tidemark_text_scan_use(int level) { tidemark_forced_level = level; }

int tidemark_scan_level(void) {
#if defined(__x86_64__) || defined(__i386__)
    int widest = __builtin_cpu_supports("avx2") ? 3 : 2;
#else
    int widest = 1;
#endif
    int forced = tidemark_forced_level;
    return forced > 0 && forced < widest ? forced : widest;
}
