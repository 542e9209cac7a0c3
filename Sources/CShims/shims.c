#define _GNU_SOURCE
#include "CShims.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

int tidemark_rename_exchange(const char *from, const char *to) {
#ifdef SYS_renameat2
    return (int)syscall(SYS_renameat2, AT_FDCWD, from, AT_FDCWD, to, RENAME_EXCHANGE);
#else
    errno = ENOSYS;
    return -1;
#endif
}

int tidemark_start_writeback(int fd) {
#ifdef SYNC_FILE_RANGE_WRITE
    return sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
#else
    (void)fd;
    return 0;
#endif
}

/// openat2(2)'s `struct open_how` and RESOLVE_ flags, spelled here: older kernel headers lack
/// <linux/openat2.h>. The call's number is the same on every architecture.
struct tidemark_open_how {
    unsigned long long flags;
    unsigned long long mode;
    unsigned long long resolve;
};
#define TIDEMARK_RESOLVE_NO_SYMLINKS 0x04
#define TIDEMARK_RESOLVE_BENEATH 0x08
#ifndef SYS_openat2
#define SYS_openat2 437
#endif

int tidemark_open_folder_without_links(int folder, const char *path) {
    struct tidemark_open_how how = {
        .flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC,
        .mode = 0,
        .resolve = TIDEMARK_RESOLVE_NO_SYMLINKS | TIDEMARK_RESOLVE_BENEATH,
    };
    return (int)syscall(SYS_openat2, folder, path, &how, sizeof how);
}

int tidemark_pad_heap(size_t bytes) {
#if defined(__GLIBC__)
    return mallopt(M_TOP_PAD, bytes > INT_MAX ? INT_MAX : (int)bytes);
#else
    (void)bytes;
    return 0;
#endif
}
