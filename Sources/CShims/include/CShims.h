#ifndef TIDEMARK_CSHIMS_H
#define TIDEMARK_CSHIMS_H

/// Atomically exchanges two paths (Linux renameat2 with RENAME_EXCHANGE): a reader sees either the
/// old or the new site, never neither. Returns 0, or -1 with errno set (ENOSYS/EINVAL where the
/// kernel or file system cannot exchange).
int tidemark_rename_exchange(const char *from, const char *to);

#endif
