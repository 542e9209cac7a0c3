#ifndef TIDEMARK_CSHIMS_H
#define TIDEMARK_CSHIMS_H

/// Atomically exchanges two paths (Linux renameat2 with RENAME_EXCHANGE): a reader sees either the
/// old or the new site, never neither. Returns 0, or -1 with errno set (ENOSYS/EINVAL where the
/// kernel or file system cannot exchange).
int tidemark_rename_exchange(const char *from, const char *to);

/// Starts writing `fd`'s dirty pages to disk without waiting (Linux sync_file_range with
/// SYNC_FILE_RANGE_WRITE). Returns 0, or -1 with errno set; a no-op where the system has no such call.
int tidemark_start_writeback(int fd);

/// Opens the folder `path` below the open folder `folder` only if no component of `path` is a
/// symbolic link and it stays beneath `folder` (Linux openat2 with RESOLVE_NO_SYMLINKS and
/// RESOLVE_BENEATH), so that the folder's real path is `folder`'s followed by `path`. Returns a
/// descriptor, or -1 with errno set: ELOOP for a link on the way, ENOSYS where the kernel has no
/// openat2, ENOENT, ….
int tidemark_open_folder_without_links(int folder, const char *path);

#include <stddef.h>

/// Makes malloc leave `bytes` free at the top of a heap rather than give them back, and grow the
/// main heap by that much past a request (glibc mallopt M_TOP_PAD). Returns 1 when set, 0
/// otherwise (and where the C library has no such setting).
int tidemark_pad_heap(size_t bytes);

/// Starts `body(context)` on a new detached thread that begins on another CPU than the caller's,
/// when the process may use another, and may move to any of them once it runs. Linux places a new
/// thread on its creator's CPU and moves it only after several balancing rounds: a second parse
/// part shared one core with the first for up to 20 ms while the other core idled. Returns 0, or an
/// error number (the thread was not started).
int tidemark_start_thread_elsewhere(void (*body)(void *), void *context);

/// A response body collected by `tidemark_http_get`; free it with `tidemark_http_body_free`.
typedef struct {
    unsigned char *data;
    size_t length;
    size_t capacity;
    /// The most bytes accepted; a longer body stops the transfer with `overflowed` set.
    size_t limit;
    int overflowed;
} tidemark_http_body;

/// What `tidemark_http_get` did.
typedef enum {
    /// The transfer completed; the status is the last response's (after redirects).
    TIDEMARK_HTTP_DONE = 0,
    /// libcurl could not be loaded (it is loaded on first use, so the binary does not need it).
    TIDEMARK_HTTP_NO_LIBRARY = 1,
    /// The transfer failed: no connection, a timeout, a TLS error…; `error` says which.
    TIDEMARK_HTTP_FAILED = 2,
    /// The transfer timed out.
    TIDEMARK_HTTP_TIMEOUT = 3,
} tidemark_http_result;

/// GETs `url` (http or https only, redirects followed up to 10, also only to http or https) with
/// the system's libcurl, loaded with dlopen on first use. `timeout_seconds` bounds the whole
/// transfer. On TIDEMARK_HTTP_DONE, `status` holds the HTTP status and `body` the bytes; otherwise
/// `error` holds a message (NUL-terminated, at most `error_size` bytes).
tidemark_http_result tidemark_http_get(
    const char *url, long timeout_seconds, tidemark_http_body *body, long *status, char *error, size_t error_size);

void tidemark_http_body_free(tidemark_http_body *body);

#endif
