/* User-space stand-ins for the kernel headers that kernel/params.c, lib/cmdline.c, lib/kstrtox.c,
 * lib/ctype.c and lib/dynamic_debug.c need, so their real code can run as a test oracle. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef uint8_t u8;
typedef int8_t s8;
typedef uint16_t u16;
typedef int16_t s16;
typedef uint32_t u32;
typedef int32_t s32;
typedef uint64_t u64;
typedef int64_t s64;

#define noinline
#define __init_or_module
#define EXPORT_SYMBOL(x)
#define EXPORT_SYMBOL_GPL(x)
#define unlikely(x) (x)
#define likely(x) (x)
#define div_u64(a, b) ((a) / (b))
#define KSTRTOX_OVERFLOW (1U << 31)
#define PAGE_SIZE 4096
#define ERR_PTR(e) ((void *)(long)(e))
#define PTR_ERR(p) ((long)(p))
#define IS_ERR(p) ((unsigned long)(p) >= (unsigned long)-4095)

/* include/linux/ctype.h over lib/ctype.c's table */
#define _U 0x01
#define _L 0x02
#define _D 0x04
#define _C 0x08
#define _P 0x10
#define _S 0x20
#define _X 0x40
#define _SP 0x80
extern const unsigned char _ctype[];
#define __ismask(x) (_ctype[(int)(unsigned char)(x)])
#undef isspace
#undef isxdigit
#define isspace(c) ((__ismask(c) & (_S)) != 0)
#define isxdigit(c) ((__ismask(c) & (_D | _X)) != 0)
static inline char _tolower(const char c) { return c | 0x20; }

/* the kernel log: collected lines */
void klog(const char *fmt, ...);
#define pr_err(...) klog(__VA_ARGS__)
#define pr_warn(...) klog(__VA_ARGS__)
#define pr_notice(...) klog(__VA_ARGS__)
#define pr_debug(...) do { } while (0)
#define vpr_info(...) do { } while (0)

static inline int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;
	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	if (n >= (int)size)
		n = size ? (int)size - 1 : 0;
	return n;
}

struct module { bool async_probe_requested; };
static inline void kernel_param_lock(struct module *mod) { (void)mod; }
static inline void kernel_param_unlock(struct module *mod) { (void)mod; }
static inline void check_kparam_locked(struct module *mod) { (void)mod; }
static inline int irqs_disabled(void) { return 0; }
static inline bool slab_is_available(void) { return true; }
static inline void *kmalloc_parameter(unsigned int size) { return malloc(size); }
static inline void maybe_kfree_parameter(void *param) { (void)param; }
#define security_locked_down(x) 0
#define add_taint(a, b) do { } while (0)
static inline int ddebug_exec_queries(char *query, const char *modname) { (void)query; (void)modname; return 0; }

static inline char *skip_spaces(const char *str)
{
	while (isspace(*str))
		++str;
	return (char *)str;
}

/* include/linux/moduleparam.h */
struct kernel_param;
enum { KERNEL_PARAM_OPS_FL_NOARG = (1 << 0) };
struct kernel_param_ops {
	unsigned int flags;
	int (*set)(const char *val, const struct kernel_param *kp);
	int (*get)(char *buffer, const struct kernel_param *kp);
	void (*free)(void *arg);
};
enum { KERNEL_PARAM_FL_UNSAFE = (1 << 0), KERNEL_PARAM_FL_HWPARAM = (1 << 1) };
struct kernel_param {
	const char *name;
	struct module *mod;
	const struct kernel_param_ops *ops;
	const u16 perm;
	s8 level;
	u8 flags;
	union {
		void *arg;
		const struct kparam_string *str;
		const struct kparam_array *arr;
	};
};
struct kparam_string { unsigned int maxlen; char *string; };
struct kparam_array { unsigned int max; unsigned int elemsize; unsigned int *num; const struct kernel_param_ops *ops; void *elem; };
typedef int (*parse_unknown_fn)(char *param, char *val, const char *doing, void *arg);

int kstrtoull(const char *s, unsigned int base, unsigned long long *res);
int kstrtoll(const char *s, unsigned int base, long long *res);
int _kstrtoul(const char *s, unsigned int base, unsigned long *res);
int _kstrtol(const char *s, unsigned int base, long *res);
#define kstrtoul(s, b, r) _kstrtoul(s, b, r)
#define kstrtol(s, b, r) _kstrtol(s, b, r)
