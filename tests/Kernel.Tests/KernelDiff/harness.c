/* Runs the real kernel/params.c parse_args() (with lib/cmdline.c next_arg(), lib/kstrtox.c and the module-side
 * unknown_module_param_cb() of kernel/module/main.c) and the kstrto* functions over the inputs gen.py passes on
 * stdin, printing results as hex so gen.py can turn them into C# test data. */
#include "shim.h"

#include "extracted.c"

static char logbuf[64][2048];
static int nlog;

void klog(const char *fmt, ...)
{
	va_list ap;
	size_t n;
	va_start(ap, fmt);
	vsnprintf(logbuf[nlog], sizeof(logbuf[nlog]), fmt, ap);
	va_end(ap);
	n = strlen(logbuf[nlog]);
	if (n && logbuf[nlog][n - 1] == '\n')
		logbuf[nlog][n - 1] = '\0';
	nlog++;
}

static void hex(const char *s)
{
	for (; *s; s++)
		printf("%02x", (unsigned char)*s);
	printf("\n");
}

static struct module mod;
static int v_i, v_d;
static unsigned int v_u;
static bool v_b, v_ib;
static int v_bi;
static char *v_c;
static char s_buf[8];
static const struct kparam_string v_s = { sizeof(s_buf), s_buf };
static unsigned char v_by;
static short v_sh;
static unsigned short v_us;
static long v_l;
static unsigned long v_ul;
static unsigned long long v_ull;
static int arr_elems[4];
static unsigned int arr_num;
static const struct kparam_array v_arr = { 4, sizeof(int), &arr_num, &param_ops_int, arr_elems };
static char *carr_elems[3];
static const struct kparam_array v_carr = { 3, sizeof(char *), NULL, &param_ops_charp, carr_elems };
static bool barr_elems[2];
static unsigned int barr_num;
static const struct kparam_array v_barr = { 2, sizeof(bool), &barr_num, &param_ops_bool, barr_elems };

static struct kernel_param kps[] = {
	{ "i", &mod, &param_ops_int, 0444, -1, 0, { .arg = &v_i } },
	{ "u", &mod, &param_ops_uint, 0444, -1, 0, { .arg = &v_u } },
	{ "b", &mod, &param_ops_bool, 0444, -1, 0, { .arg = &v_b } },
	{ "ib", &mod, &param_ops_invbool, 0444, -1, 0, { .arg = &v_ib } },
	{ "bi", &mod, &param_ops_bint, 0444, -1, 0, { .arg = &v_bi } },
	{ "c", &mod, &param_ops_charp, 0644, -1, 0, { .arg = &v_c } },
	{ "s", &mod, &param_ops_string, 0644, -1, 0, { .str = &v_s } },
	{ "by", &mod, &param_ops_byte, 0444, -1, 0, { .arg = &v_by } },
	{ "sh", &mod, &param_ops_short, 0444, -1, 0, { .arg = &v_sh } },
	{ "us", &mod, &param_ops_ushort, 0444, -1, 0, { .arg = &v_us } },
	{ "l", &mod, &param_ops_long, 0444, -1, 0, { .arg = &v_l } },
	{ "ul", &mod, &param_ops_ulong, 0444, -1, 0, { .arg = &v_ul } },
	{ "ull", &mod, &param_ops_ullong, 0444, -1, 0, { .arg = &v_ull } },
	{ "delay_ms", &mod, &param_ops_int, 0444, -1, 0, { .arg = &v_d } },
	{ "arr", &mod, &param_array_ops, 0444, -1, 0, { .arr = &v_arr } },
	{ "carr", &mod, &param_array_ops, 0444, -1, 0, { .arr = &v_carr } },
	{ "barr", &mod, &param_array_ops, 0444, -1, 0, { .arr = &v_barr } },
};
#define NKP (sizeof(kps) / sizeof(kps[0]))

static void reset(void)
{
	v_i = 0; v_d = 0; v_u = 0; v_b = false; v_ib = false; v_bi = 0; v_c = NULL; memset(s_buf, 0, sizeof(s_buf));
	v_by = 0; v_sh = 0; v_us = 0; v_l = 0; v_ul = 0; v_ull = 0;
	memset(arr_elems, 0, sizeof(arr_elems)); arr_num = 0;
	memset(carr_elems, 0, sizeof(carr_elems));
	memset(barr_elems, 0, sizeof(barr_elems)); barr_num = 0;
	mod.async_probe_requested = false;
	nlog = 0;
}

static char *unhex(const char *h)
{
	size_t n = strlen(h) / 2, i;
	char *s = malloc(n + 1);
	for (i = 0; i < n; i++) {
		unsigned int b;
		sscanf(h + 2 * i, "%2x", &b);
		s[i] = (char)b;
	}
	s[n] = '\0';
	return s;
}

/* load_module()'s argument step */
static void load_args(char *args)
{
	char *after_dashes;
	long err = 0;
	int i;

	after_dashes = parse_args("m", args, kps, NKP, -32768, 32767, &mod, unknown_module_param_cb);
	if (IS_ERR(after_dashes))
		err = PTR_ERR(after_dashes);
	else if (after_dashes)
		pr_warn("%s: parameters '%s' after `--' ignored\n", "m", after_dashes);

	printf("RET %ld\nASYNC %d\n", err, mod.async_probe_requested);
	for (i = 0; i < nlog; i++) {
		printf("LOG ");
		hex(logbuf[i]);
	}
	for (i = 0; i < (int)NKP; i++) {
		char buf[PAGE_SIZE * 2];
		buf[0] = '\0';
		kps[i].ops->get(buf, &kps[i]);
		printf("VAL %s ", kps[i].name);
		hex(buf);
	}
	printf("END\n");
}

static void kstrto(const char *s)
{
	unsigned long long ull; long long ll; int in; unsigned int ui; u8 u8v; s16 s16v; bool b; int rv;
	static const unsigned int bases[] = { 0, 16, 10, 8 };
	unsigned int k;

	for (k = 0; k < 4; k++) {
		rv = kstrtoull(s, bases[k], &ull); if (rv) printf("%d - ", rv); else printf("0 %llu ", ull);
		rv = kstrtoll(s, bases[k], &ll); if (rv) printf("%d - ", rv); else printf("0 %lld ", ll);
		rv = kstrtoint(s, bases[k], &in); if (rv) printf("%d - ", rv); else printf("0 %d ", in);
		rv = kstrtouint(s, bases[k], &ui); if (rv) printf("%d - ", rv); else printf("0 %u ", ui);
		rv = kstrtou8(s, bases[k], &u8v); if (rv) printf("%d - ", rv); else printf("0 %u ", u8v);
		rv = kstrtos16(s, bases[k], &s16v); if (rv) printf("%d - ", rv); else printf("0 %d ", s16v);
	}
	rv = kstrtobool(s, &b); if (rv) printf("%d -\n", rv); else printf("0 %d\n", b);
}

int main(void)
{
	char line[1 << 16];

	while (fgets(line, sizeof(line), stdin)) {
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == 'K') {
			kstrto(unhex(line + 2));
		} else if (line[0] == 'P') {
			reset();
			load_args(unhex(line + 2));
		}
	}
	return 0;
}
