/* tests/fault/write_failure_shim.c: an LD_PRELOAD library that makes writes to regular files fail
 * once a byte budget is spent, as a full disk (ENOSPC) or a failing one (EIO) would. The fault
 * injection tests run the newsq CLI under it with
 *   NEWSQ_FAULT_WRITE_BUDGET=<bytes>   bytes that may still be written before writes fail
 *   NEWSQ_FAULT_ERRNO=ENOSPC|EIO       the error (ENOSPC unless said)
 *   NEWSQ_FAULT_SKIP_SYNC=1            fsync and fdatasync succeed without syncing (speed)
 *   NEWSQ_FAULT_REPORT=<file>          at a normal exit, write there the bytes written to regular
 *                                      files (how the tests measure a clean run before choosing
 *                                      budgets across it)
 * Pipes and terminals (stdout, stderr) are never failed, so the CLI's message gets out. The
 * budget is shared by every thread; a write that would cross it fails whole.
 * Built by tests/CMakeLists.txt as newsq_write_failure_shim; by hand:
 *   gcc -shared -fPIC -o shim.so write_failure_shim.c -ldl */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

static atomic_llong budget = -1; /* -1: not read from the environment yet; LLONG_MAX: no limit */
static int failure_errno = ENOSPC;
static atomic_llong written = 0; /* Bytes written to regular files (successfully), for the report. */

static void init(void) {
  if (atomic_load(&budget) != -1) return;
  const char* b = getenv("NEWSQ_FAULT_WRITE_BUDGET");
  const char* e = getenv("NEWSQ_FAULT_ERRNO");
  if (e && strcmp(e, "EIO") == 0) failure_errno = EIO;
  long long value = b ? atoll(b) : 0x7fffffffffffffffLL;
  long long expected = -1;
  atomic_compare_exchange_strong(&budget, &expected, value);
}

/* 1 if this write of `n` bytes to `fd` must fail. */
static int must_fail(int fd, size_t n) {
  init();
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return 0;
  long long left = atomic_fetch_sub(&budget, (long long)n);
  if (left >= (long long)n) {
    atomic_fetch_add(&written, (long long)n);
    return 0;
  }
  atomic_store(&budget, 0);
  errno = failure_errno;
  return 1;
}

/* __extension__: ISO C has no conversion from dlsym's object pointer to a function pointer; POSIX
 * guarantees it works. */
#define NEXT(name) (__extension__(__typeof__(&name))dlsym(RTLD_NEXT, #name))

/* Runs at exit() (not at _exit(), which only failed runs take, and those are not measured). The
 * report goes through the real write(), so it is neither counted nor failed. */
__attribute__((destructor)) static void report(void) {
  const char* path = getenv("NEWSQ_FAULT_REPORT");
  if (!path || !*path) return;
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return;
  char text[32];
  int n = snprintf(text, sizeof text, "%lld\n", (long long)atomic_load(&written));
  if (n > 0) NEXT(write)(fd, text, (size_t)n);
  close(fd);
}

ssize_t write(int fd, const void* buf, size_t n) {
  if (must_fail(fd, n)) return -1;
  return NEXT(write)(fd, buf, n);
}
ssize_t pwrite(int fd, const void* buf, size_t n, off_t offset) {
  if (must_fail(fd, n)) return -1;
  return NEXT(pwrite)(fd, buf, n, offset);
}
ssize_t pwrite64(int fd, const void* buf, size_t n, off64_t offset) {
  if (must_fail(fd, n)) return -1;
  return NEXT(pwrite64)(fd, buf, n, offset);
}
ssize_t writev(int fd, const struct iovec* iov, int count) {
  size_t n = 0;
  for (int i = 0; i < count; ++i) n += iov[i].iov_len;
  if (must_fail(fd, n)) return -1;
  return NEXT(writev)(fd, iov, count);
}
/* Once writes fail with EIO, so do syncs (a failing disk); with ENOSPC they still succeed (a full
 * disk syncs what it holds). */
static int sync_fails(void) {
  init();
  if (atomic_load(&budget) == 0 && failure_errno == EIO) {
    errno = EIO;
    return 1;
  }
  return 0;
}
/* NEWSQ_FAULT_SKIP_SYNC=1: succeed without syncing (tests that run the CLI hundreds of times
 * under the shim spend most of their time waiting for the disk otherwise; they test failures
 * seen by the process, not durability across a power cut). */
static int skip_sync(void) {
  const char* skip = getenv("NEWSQ_FAULT_SKIP_SYNC");
  return skip && strcmp(skip, "1") == 0;
}
int fsync(int fd) {
  if (sync_fails()) return -1;
  return skip_sync() ? 0 : NEXT(fsync)(fd);
}
int fdatasync(int fd) {
  if (sync_fails()) return -1;
  return skip_sync() ? 0 : NEXT(fdatasync)(fd);
}
