// The .modinfo section: NUL-separated "tag=value" strings, read the way get_modinfo /
// module_next_tag_pair (kernel/module/main.c) walk them, bounded by the section size.
using ModActors.Elf.Format;

namespace ModActors.Elf;

/// <summary>The .modinfo fields of a module, in file order, with typed accessors for the ones the loader reads.</summary>
public sealed class ModInfo
{
    internal ModInfo(IReadOnlyList<KeyValuePair<string, string>> entries) => Entries = entries;

    /// <summary>Every tag=value pair, in file order (a tag may repeat, e.g. alias, parm, import_ns).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Entries { get; }

    /// <summary>The first value of a tag, as get_modinfo returns it; null when absent.</summary>
    public string? Get(string tag)
    {
        foreach (var e in Entries)
        {
            if (e.Key == tag)
                return e.Value;
        }
        return null;
    }

    /// <summary>Every value of a tag, in file order (get_next_modinfo).</summary>
    public IReadOnlyList<string> GetAll(string tag) => [.. Entries.Where(e => e.Key == tag).Select(e => e.Value)];

    /// <summary>license=, or null.</summary>
    public string? License => Get("license");
    /// <summary>vermagic=, or null.</summary>
    public string? Vermagic => Get("vermagic");
    /// <summary>name=, or null.</summary>
    public string? Name => Get("name");
    /// <summary>srcversion=, or null.</summary>
    public string? SrcVersion => Get("srcversion");
    /// <summary>depends=, split on commas (modpost's list of modules this one imports from; empty when none).</summary>
    public IReadOnlyList<string> Depends =>
        Get("depends") is { Length: > 0 } d ? d.Split(',', StringSplitOptions.RemoveEmptyEntries) : [];
    /// <summary>Every import_ns= value (MODULE_IMPORT_NS).</summary>
    public IReadOnlyList<string> ImportNs => GetAll("import_ns");
    /// <summary>Every alias= value.</summary>
    public IReadOnlyList<string> Aliases => GetAll("alias");
    /// <summary>intree= present (the kernel only tests presence).</summary>
    public bool InTree => Get("intree") is not null;
    /// <summary>retpoline= present.</summary>
    public bool Retpoline => Get("retpoline") is not null;
    /// <summary>staging= present (TAINT_CRAP).</summary>
    public bool Staging => Get("staging") is not null;
    /// <summary>livepatch= present.</summary>
    public bool Livepatch => Get("livepatch") is not null;
    /// <summary>test= present (TAINT_TEST).</summary>
    public bool Test => Get("test") is not null;

    /// <summary>
    /// license_is_gpl_compatible (include/linux/license.h) on the first license= (module_license_taint_check reads
    /// "unspecified" when there is none): false means TAINT_PROPRIETARY_MODULE and no GPL-only symbols.
    /// </summary>
    public bool IsGplCompatible => (License ?? "unspecified") is "GPL" or "GPL v2" or "GPL and additional rights"
        or "Dual BSD/GPL" or "Dual MIT/GPL" or "Dual MPL/GPL";

    internal static ModInfo Parse(ReadOnlySpan<byte> section)
    {
        var entries = new List<KeyValuePair<string, string>>();
        var pos = 0;
        while (pos < section.Length)
        {
            if (section[pos] == 0)
            {
                pos++;
                continue;
            }
            var rest = section[pos..];
            var nul = rest.IndexOf((byte)0);
            var s = nul < 0 ? rest : rest[..nul];
            var eq = s.IndexOf((byte)'=');
            entries.Add(eq < 0
                ? new(ElfFile.Decode(s), "")
                : new(ElfFile.Decode(s[..eq]), ElfFile.Decode(s[(eq + 1)..])));
            pos += s.Length + 1;
        }
        return new ModInfo(entries);
    }

    /// get_modinfo: the value of the first "tag=" string, or null.
    internal static ReadOnlySpan<byte> GetModinfo(ReadOnlySpan<byte> section, ReadOnlySpan<byte> tag, out bool found)
    {
        var pos = 0;
        found = false;
        while (pos < section.Length)
        {
            if (section[pos] == 0)
            {
                pos++;
                continue;
            }
            var rest = section[pos..];
            var nul = rest.IndexOf((byte)0);
            var s = nul < 0 ? rest : rest[..nul];
            if (s.Length > tag.Length && s[tag.Length] == (byte)'=' && s.StartsWith(tag))
            {
                found = true;
                return s[(tag.Length + 1)..];
            }
            pos += s.Length + 1;
        }
        return default;
    }

    internal static byte[]? GetModinfo(ReadOnlySpan<byte> section, ReadOnlySpan<byte> tag)
    {
        var value = GetModinfo(section, tag, out var found);
        return found ? value.ToArray() : null;
    }
}
