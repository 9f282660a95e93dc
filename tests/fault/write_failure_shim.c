/* tests/fault/write_failure_shim.c: an LD_PRELOAD library that makes writes to regular files fail
 * once a byte budget is spent, as a full disk (ENOSPC) or a failing one (EIO) would. The fault
 * injection tests run the newsq CLI under it with
 *   NEWSQ_FAULT_WRITE_BUDGET=<bytes>   bytes that may still be written before writes fail
 *   NEWSQ_FAULT_ERRNO=ENOSPC|EIO       the error (ENOSPC unless said)
 * Pipes and terminals (stdout, stderr) are never failed, so the CLI's message gets out. The
 * budget is shared by every thread; a write that would cross it fails whole.
 * Not yet built by the test suite; by hand: gcc -shared -fPIC -o shim.so write_failure_shim.c -ldl */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

static atomic_llong budget = -1; /* -1: not read from the environment yet; LLONG_MAX: no limit */
static int failure_errno = ENOSPC;

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
  if (left >= (long long)n) return 0;
  atomic_store(&budget, 0);
  errno = failure_errno;
  return 1;
}

#define NEXT(name) ((__typeof__(&name))dlsym(RTLD_NEXT, #name))

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
int fsync(int fd) {
  init();
  if (atomic_load(&budget) == 0 && failure_errno == EIO) {
    errno = EIO;
    return -1;
  }
  return NEXT(fsync)(fd);
}
int fdatasync(int fd) {
  init();
  if (atomic_load(&budget) == 0 && failure_errno == EIO) {
    errno = EIO;
    return -1;
  }
  return NEXT(fdatasync)(fd);
}
