// The YAML mutator: from the library scenarios (scenarios/*.yaml), makes mutants by deleting,
// duplicating and swapping lines, replacing values with boundary values (int and long limits, huge
// durations, errno extremes, special files such as /dev/zero, directories, missing paths), breaking
// indentation and YAML syntax (anchors, aliases, tags, merge keys, flow brackets, tabs, NULs), nesting
// deeply, truncating, and splicing in lines of other scenarios.
namespace ModActors.Scenarios.Fuzzing;

/// <summary>Makes mutants of a set of scenario texts; deterministic for a given <see cref="Random"/>.</summary>
internal sealed class YamlMutator(IReadOnlyList<string> texts)
{
    private static readonly string[] Values =
    [
        "-1", "0", "1", "2147483647", "2147483648", "-2147483648", "4294967295", "4294967296", "4294967297",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "9999999999", "1e309", "0x10", ".nan", ".inf",
        "~", "''", "\"\"", "-E2BIG", "-EFOO", "-E", "-0", "E", "-EWOULDBLOCK", "99999999999999999s", "9223372036854775807ms",
        "1.5e300s", "-1s", "0.0000001ms", "2562047788015215h", "/dev/zero", "/dev/null", "/", "/tmp", "..", "../fixtures/ko/slow.ko",
        "../fixtures/ko/notelf.ko", "../fixtures/ko/expa.signed.ko", "../fixtures/ko", "../fixtures/ko/slow.ko.xz", "{}", "[]",
        "[1, 2]", "{a: b}", "yes", "null", "&a v", "*nope", "!!int x", "!!binary AAAA", "é", "\"\\0\"", "\"\\x00\"", "a\tb",
        "array of int", "array of string", "charp", "string", "frob", "bool_enable_only", "0777", "0666", "65535",
        "{ type: int, array_max: 9999999999 }", "{ type: string, max_len: 4294967297 }", "{ file: /dev/zero }",
        "{ task: nobody, reaches: add_unformed_module }", "{ task: a1, reaches: nowhere }", "-ENOENT", "O_NONBLOCK|O_TRUNC",
        "{ strategy: dfs, runs: 9223372036854775807, depth: 4294967295 }", "delay_ms=99999999999999999999", "a=\"",
    ];

    private static readonly string[] Fragments =
    [
        "{", "[", "}", "]", "&a ", "*a", "!!binary ", "? ", "- ", ": ", "\t", "\0", "'", "\"", "#", "%YAML 1.1\n", "---\n",
        "<<: *a\n", "&a\n", ",", "|\n", ">-\n", "\r", "\uFEFF", "\\", "@", "`", "!", "%",
    ];

    public List<YamlMutation> Mutate(Random rng, out int baseIndex)
    {
        baseIndex = rng.Next(texts.Count);
        var n = 1 + rng.Next(4);
        var list = new List<YamlMutation>(n);
        for (var i = 0; i < n; i++)
            list.Add(One(rng));
        return list;
    }

    public string Apply(int baseIndex, IEnumerable<YamlMutation> mutations) =>
        mutations.Aggregate(texts[baseIndex], (text, m) => m.Apply(text));

    private YamlMutation One(Random rng)
    {
        var line = rng.Next(200);
        switch (rng.Next(10))
        {
            case 0:
                return new YamlLineEdit("delete a line", line, 0);
            case 1:
                return new YamlLineEdit("duplicate a line", line, 1);
            case 2:
                return new YamlLineEdit("swap two lines", line, 2);
            case 3:
            case 4:
                var v = Values[rng.Next(Values.Length)];
                return new YamlValue($"value := {v}", line, v);
            case 5:
                var f = Fragments[rng.Next(Fragments.Length)];
                return new YamlInsert($"insert {Escape(f)}", rng.Next(1 << 16), f);
            case 6:
                var other = texts[rng.Next(texts.Count)].Split('\n');
                var l = other[rng.Next(other.Length)];
                return new YamlInsertLine($"splice '{l.Trim()}'", line, l);
            case 7:
                var depth = new[] { 10, 100, 1000, 50_000 }[rng.Next(4)];
                var nest = rng.Next(2) == 0 ? new string('[', depth) + new string(']', depth) : string.Concat(Enumerable.Repeat("{a: ", depth)) + "1" + new string('}', depth);
                return new YamlValue($"nest {depth} deep", line, nest);
            case 8:
                var indent = new[] { "  ", " ", "\t", "      " }[rng.Next(4)];
                return new YamlInsert($"indent '{Escape(indent)}'", rng.Next(1 << 16), "\n" + indent);
            default:
                return new YamlTruncate("truncate", rng.Next(1 << 16));
        }
    }

    private static string Escape(string s) => s.Replace("\n", "\\n").Replace("\t", "\\t").Replace("\0", "\\0").Replace("\r", "\\r");
}
