#!/usr/bin/env python3
"""Builds the real parameter-parsing code of Linux 6.12.117 (kernel/params.c, lib/cmdline.c, lib/kstrtox.c,
lib/ctype.c, lib/dynamic_debug.c and unknown_module_param_cb of kernel/module/main.c) in user space with
shim.h, runs it over fixed and seeded-random inputs, and writes ../KernelDifferentialData.cs, the expected
results that KernelDifferentialTests.cs compares our C# model with.

Usage: python3 gen.py [KERNEL_SOURCE_DIR]   (default /work/ksrc/linux-source-6.12; needs gcc)
"""
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
KSRC = sys.argv[1] if len(sys.argv) > 1 else "/work/ksrc/linux-source-6.12"


def read(rel):
    with open(os.path.join(KSRC, rel), encoding="latin-1") as f:
        return f.read()


def between(text, start, end_line, inclusive=True):
    a = text.index(start)
    b = text.index(end_line, a)
    return text[a:b + (len(end_line) if inclusive else 0)]


def function(text, start):
    a = text.index(start)
    b = text.index("\n}\n", a)
    return text[a:b + 3]


def extracted():
    ctype = between(read("lib/ctype.c"), "const unsigned char _ctype[] = {", "};")
    kstrtox = between(read("lib/kstrtox.c"), "noinline\nconst char *_parse_integer_fixup_radix",
                      "EXPORT_SYMBOL(kstrtobool);")
    next_arg = function(read("lib/cmdline.c"), "char *next_arg(char *args")
    params = between(read("kernel/params.c"), "static char dash2underscore",
                     "/* sysfs output in /sys/modules/XYZ/parameters/ */", inclusive=False)
    dyndbg = read("lib/dynamic_debug.c")
    dyndbg_code = function(dyndbg, "static int ddebug_dyndbg_param_cb(") + \
        function(dyndbg, "int ddebug_dyndbg_module_param_cb(")
    unknown = function(read("kernel/module/main.c"), "static int unknown_module_param_cb(")
    return "\n".join([ctype, kstrtox, next_arg, params, dyndbg_code, unknown])


KSTRTO_FIXED = [
    "", "0", "-0", "+0", "5", "5\n", "5\n\n", " 5", "5 ", "+5", "-5", "--5", "+-5", "-+5", "0x", "0x1f", "0X1F",
    "0x1fz", "1f", "010", "08", "0b1", "0xg", "abc", "-", "+", "\n", "2147483647", "2147483648", "-2147483648",
    "-2147483649", "4294967295", "4294967296", "9223372036854775807", "9223372036854775808",
    "-9223372036854775808", "-9223372036854775809", "18446744073709551615", "18446744073709551616",
    "-18446744073709551615", "0xffffffffffffffff", "0x10000000000000000", "0x8000000000000000",
    "99999999999999999999999x", "255", "256", "-129", "-128", "32767", "32768", "-32768", "-32769", "65535",
    "y", "Y", "yes", "n", "N", "t", "f", "1", "0", "on", "On", "oN", "off", "of", "o", "ox", "2", "true\n",
    "0x7fffffff", "0x80000000", "0777", "0778", "1\x00" + "2", "\xa0" + "5",
]

ARG_NAMES = ["i", "u", "b", "ib", "bi", "c", "s", "by", "sh", "us", "l", "ul", "ull", "delay-ms", "delay_ms",
             "arr", "carr", "barr", "x", "nosuch", "foo.bar", "dyndbg", "m.dyndbg", "async_probe", "=5", "a-b"]
ARG_VALUES = ["", "0", "1", "-1", "+5", "0x10", "0X1f", "010", "08", "abc", "99999999999", "18446744073709551615",
              "18446744073709551616", "-9223372036854775808", "255", "256", "65535", "65536", "-32769", "y", "N",
              "on", "of", "o", "1,2", "1,2,3,4,5", "a,b,c,d", "1,", ",", "\"a b\"", "\"x\"y", "toolong99",
              "1234567", "12345678", "x=y", "\"\"", "Y,n", "1,0,1"]
JOINERS = [" ", " ", " ", "  ", "\t", "\n", "\xa0"]

PARSE_FIXED = [
    "", "   ", "i=5", "i=abc", "i=99999999999", "i", "nosuch=1", "i=abc u=xyz", "u=xyz i=99999999999",
    "i=5 -- u=-5", "i=5 --", "i=x -- u=1", "-- i=1", "\"--\" i=1", "delay-ms=7", "c=\"a b  c\"", "\"c=x y\"",
    "c=\"x\"y b", "c=" + "x" * 1025, "c=" + "x" * 1024, "s=1234567", "s=12345678", "b", "ib", "bi", "c", "s",
    "arr=1,2,3,4,5", "arr=7,x,9", "arr=1,", "arr=", "carr=a,b", "carr=a,b,c,d", "barr=1,0", "barr=1,0,1",
    "foo.bar=1", "dyndbg=+p m.dyndbg async_probe", "async_probe=0", "async_probe=maybe", "=5", "\"", "i=1 i=2",
    "\xa0i=3\xa0u=4\xa0", "i=\"5\"", "i=\"5", "c=\"", "by=256 sh=-32769 us=65536 l=9223372036854775808",
    "ull=18446744073709551615 ul=0x10 by=0377", "i=1\tu=2\nb=n",
]


def random_args(rng):
    parts = []
    for _ in range(rng.randint(1, 4)):
        name = rng.choice(ARG_NAMES)
        if name in ("--",) or rng.random() < 0.15:
            parts.append(name)
        else:
            parts.append(name + "=" + rng.choice(ARG_VALUES))
        if rng.random() < 0.05:
            parts.append("--")
    out = ""
    for p in parts:
        out += p + rng.choice(JOINERS)
    return out.rstrip(" ") if rng.random() < 0.5 else out


def random_number(rng):
    alphabet = "0123456789abcdefxX+-\n "
    if rng.random() < 0.5:
        return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
    n = rng.randint(0, 2 ** rng.choice([8, 16, 31, 32, 63, 64, 70]))
    s = rng.choice([str(n), hex(n), "0" + oct(n)[2:]])
    return rng.choice(["", "-", "+"]) + s + rng.choice(["", "", "\n", "x"])


def cs(s):
    out = []
    for ch in s:
        o = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif 32 <= o < 127:
            out.append(ch)
        else:
            out.append("\\u%04x" % o)
    return '"' + "".join(out) + '"'


def unhex(h):
    return bytes.fromhex(h).decode("latin-1")


def main():
    rng = random.Random(612117)
    kin = KSTRTO_FIXED + [random_number(rng) for _ in range(250)]
    pin = PARSE_FIXED + [random_args(rng) for _ in range(250)]
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "extracted.c"), "w", encoding="latin-1") as f:
            f.write(extracted())
        exe = os.path.join(tmp, "harness")
        subprocess.run(["gcc", "-O1", "-w", "-I", HERE, "-I", tmp, "-o", exe, os.path.join(HERE, "harness.c")],
                       check=True)
        stdin = "".join("K " + s.encode("latin-1").hex() + "\n" for s in kin)
        stdin += "".join("P " + s.encode("latin-1").hex() + "\n" for s in pin)
        out = subprocess.run([exe], input=stdin.encode(), capture_output=True, check=True).stdout.decode()

    lines = out.split("\n")
    k_rows, p_rows = [], []
    it = iter(lines)
    for s in kin:
        k_rows.append((s, next(it)))
    for s in pin:
        ret = async_ = None
        logs, vals = [], []
        for line in it:
            if line == "END":
                break
            tag, _, rest = line.partition(" ")
            if tag == "RET":
                ret = int(rest)
            elif tag == "ASYNC":
                async_ = rest == "1"
            elif tag == "LOG":
                logs.append(unhex(rest))
            elif tag == "VAL":
                name, _, h = rest.partition(" ")
                vals.append((name, unhex(h)))
        p_rows.append((s, ret, async_, logs, vals))

    w = []
    w.append("// <auto-generated> by KernelDiff/gen.py from the Linux 6.12.117 sources (kernel/params.c, lib/cmdline.c,")
    w.append("// lib/kstrtox.c, lib/ctype.c, lib/dynamic_debug.c, unknown_module_param_cb of kernel/module/main.c) compiled")
    w.append("// in user space: what the real code returns and logs for each input. Do not edit; rerun gen.py. </auto-generated>")
    w.append("namespace ModActors.Kernel.Tests;")
    w.append("")
    w.append("internal static class KernelDifferentialData")
    w.append("{")
    w.append("    /// Input, then \"rv value\" pairs for kstrtoull, kstrtoll, kstrtoint, kstrtouint, kstrtou8, kstrtos16 in")
    w.append("    /// bases 0, 16, 10, 8, then kstrtobool (value \"-\" on error).")
    w.append("    public static readonly (string Input, string Results)[] Kstrto =")
    w.append("    [")
    for s, r in k_rows:
        w.append("        (%s, %s)," % (cs(s), cs(r)))
    w.append("    ];")
    w.append("")
    w.append("    /// Args, load_module's error, async_probe_requested, log lines, and each parameter's get text.")
    w.append("    public static readonly (string Args, int Error, bool Async, string[] Log, (string Name, string Shown)[] Values)[] ParseArgs =")
    w.append("    [")
    for s, ret, a, logs, vals in p_rows:
        w.append("        (%s, %d, %s, [%s], [%s])," % (cs(s), ret, "true" if a else "false",
                                                     ", ".join(cs(l) for l in logs),
                                                     ", ".join("(%s, %s)" % (cs(n), cs(v)) for n, v in vals)))
    w.append("    ];")
    w.append("}")
    with open(os.path.join(HERE, "..", "KernelDifferentialData.cs"), "w", encoding="utf-8") as f:
        f.write("\n".join(w) + "\n")
    print("kstrto inputs: %d, parse_args inputs: %d" % (len(k_rows), len(p_rows)))


if __name__ == "__main__":
    main()
