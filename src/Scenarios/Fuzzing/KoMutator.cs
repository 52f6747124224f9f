// The .ko mutator: from a valid base module, makes mutants by byte flips, truncation and field-aware
// changes to what load_module reads — the ELF header, section headers, symbols, relocations (including
// those of __param), the .modinfo strings, struct kernel_param (perm, level, flags) and the module
// signature trailer — with the boundary values that break bounds checks (0, -1, 2^31, 2^32, sizes ± 1).
using System.Buffers.Binary;
using System.Text;

namespace ModActors.Scenarios.Fuzzing;

/// <summary>Makes mutants of one base image; deterministic for a given <see cref="Random"/>.</summary>
internal sealed class KoMutator(KoLayout layout)
{
    private static readonly string[] ModinfoStrings =
    [
        "parmtype=delay_ms:frobnicate", "parmtype=ret:array of string", "parmtype=x:", "name=", "name=a-b",
        "vermagic=6.12.117+deb12-amd64 SMP", "license=Proprietary", "depends=,,,", "import_ns=", "intree=Y",
        "staging=Y", "parm=delay_ms:", "parmtype=delay_ms:array of int", "srcversion=", "=", "retpoline=Y",
    ];

    private static readonly string[] OpsNames =
    [
        "param_ops_int", "param_ops_charp", "param_ops_bool", "param_array_ops", "param_ops_string", "param_ops_xyz",
        "param_ops_ullong", "param_ops_invbool", "param_ops_hexint", "param_ops_bint",
    ];

    /// <summary>Makes one mutant: 1 to 4 changes.</summary>
    public List<KoMutation> Mutate(Random rng)
    {
        var n = 1 + rng.Next(4);
        var list = new List<KoMutation>(n);
        for (var i = 0; i < n; i++)
            list.Add(One(rng));
        return list;
    }

    /// <summary>Applies <paramref name="mutations"/> to a copy of the base.</summary>
    public byte[] Apply(IEnumerable<KoMutation> mutations)
    {
        var image = (byte[])layout.Image.Clone();
        foreach (var m in mutations)
            image = m.Apply(image);
        return image;
    }

    private KoMutation One(Random rng)
    {
        for (var attempt = 0; attempt < 8; attempt++)
        {
            KoMutation? m = rng.Next(11) switch
            {
                0 => Flip(rng),
                1 => Truncate(rng),
                2 => Header(rng),
                3 => SectionHeader(rng),
                4 => Symbol(rng),
                5 => Relocation(rng),
                6 => Modinfo(rng),
                7 => Param(rng),
                8 => ParamRelocation(rng),
                9 => Signature(rng),
                _ => SymbolName(rng),
            };
            if (m is not null)
                return m;
        }
        return Flip(rng);
    }

    private KoMutation Flip(Random rng)
    {
        var len = 1 + rng.Next(8);
        var data = new byte[len];
        rng.NextBytes(data);
        return new KoPatch("byte flip", rng.Next(layout.Image.Length), data);
    }

    private KoMutation Truncate(Random rng)
    {
        var s = layout.Sections;
        var len = rng.Next(3) switch
        {
            0 when s.Count > 0 => (int)Math.Clamp(s[rng.Next(s.Count)].Offset + rng.Next(-2, 3), 0, layout.Image.Length - 1),
            1 => rng.Next(KoLayout.EhdrSize + 1),
            _ => rng.Next(layout.Image.Length),
        };
        return new KoTruncate("truncate", len);
    }

    private static readonly (string Name, int Offset, int Size)[] EhdrFields =
    [
        ("e_ident[EI_CLASS]", 4, 1), ("e_ident[EI_DATA]", 5, 1), ("e_ident[EI_VERSION]", 6, 1), ("e_type", 16, 2),
        ("e_machine", 18, 2), ("e_version", 20, 4), ("e_shoff", 40, 8), ("e_flags", 48, 4), ("e_ehsize", 52, 2),
        ("e_shentsize", 58, 2), ("e_shnum", 60, 2), ("e_shstrndx", 62, 2), ("e_phoff", 32, 8), ("e_phnum", 56, 2),
    ];

    private KoMutation Header(Random rng)
    {
        var (name, off, size) = EhdrFields[rng.Next(EhdrFields.Length)];
        return Field(rng, name, off, size);
    }

    private static readonly (string Name, int Offset, int Size)[] ShdrFields =
    [
        ("sh_name", 0, 4), ("sh_type", 4, 4), ("sh_flags", 8, 8), ("sh_addr", 16, 8), ("sh_offset", 24, 8), ("sh_size", 32, 8),
        ("sh_link", 40, 4), ("sh_info", 44, 4), ("sh_addralign", 48, 8), ("sh_entsize", 56, 8),
    ];

    private KoMutation? SectionHeader(Random rng)
    {
        if (layout.Sections.Count == 0)
            return null;
        var s = layout.Sections[rng.Next(layout.Sections.Count)];
        var (name, off, size) = ShdrFields[rng.Next(ShdrFields.Length)];
        if (name == "sh_type" && rng.Next(2) == 0)
            return Write($"{s.Name}.sh_type = NOBITS", s.HeaderOffset + off, 4, 8);
        return Field(rng, $"{s.Name}.{name}", (int)s.HeaderOffset + off, size);
    }

    private static readonly (string Name, int Offset, int Size)[] SymFields =
        [("st_name", 0, 4), ("st_info", 4, 1), ("st_other", 5, 1), ("st_shndx", 6, 2), ("st_value", 8, 8), ("st_size", 16, 8)];

    private KoMutation? Symbol(Random rng)
    {
        if (layout.OfType(KoLayout.SHT_SYMTAB).FirstOrDefault() is not { Size: >= KoLayout.SymSize } symtab)
            return null;
        var i = rng.Next((int)(symtab.Size / KoLayout.SymSize));
        var (name, off, size) = SymFields[rng.Next(SymFields.Length)];
        return Field(rng, $"symbol {i}.{name}", (int)symtab.Offset + i * KoLayout.SymSize + off, size);
    }

    private static readonly (string Name, int Offset, int Size)[] RelaFields =
        [("r_offset", 0, 8), ("r_info.type", 8, 4), ("r_info.sym", 12, 4), ("r_addend", 16, 8)];

    private KoMutation? Relocation(Random rng)
    {
        var relas = layout.OfType(KoLayout.SHT_RELA).Where(s => s.Size >= KoLayout.RelaSize).ToList();
        if (relas.Count == 0)
            return null;
        return RelaEntry(rng, relas[rng.Next(relas.Count)]);
    }

    private KoMutation RelaEntry(Random rng, KoSection rela)
    {
        var i = rng.Next((int)(rela.Size / KoLayout.RelaSize));
        var (name, off, size) = RelaFields[rng.Next(RelaFields.Length)];
        return Field(rng, $"{rela.Name}[{i}].{name}", (int)rela.Offset + i * KoLayout.RelaSize + off, size);
    }

    private KoMutation? ParamRelocation(Random rng)
    {
        var param = layout.Find("__param");
        var rela = param is null ? null : layout.OfType(KoLayout.SHT_RELA).FirstOrDefault(s => s.Info == param.Index && s.Size >= KoLayout.RelaSize);
        return rela is null ? null : RelaEntry(rng, rela);
    }

    private KoMutation? Modinfo(Random rng)
    {
        if (layout.Find(".modinfo") is not { Size: > 0 } mi)
            return null;
        var text = rng.Next(3) switch
        {
            0 => ModinfoStrings[rng.Next(ModinfoStrings.Length)] + "\0",
            1 => new string('A', 1 + rng.Next((int)Math.Min(mi.Size, 300))),
            _ => "\0",
        };
        var at = mi.Offset + rng.Next((int)mi.Size);
        var bytes = Encoding.ASCII.GetBytes(text);
        return new KoPatch($".modinfo string '{text.TrimEnd('\0')}'", (int)at, bytes[..(int)Math.Min(bytes.Length, mi.Offset + mi.Size - at)]);
    }

    private static readonly long[] Perms = [0, 0x124, 0x1a4, 0x1b6, 0x1ff, 0x200, 0x1fff, 0xffff, 0x2, 0x49, 0x8000, 0x1ed];

    private KoMutation? Param(Random rng)
    {
        if (layout.Find("__param") is not { Size: >= KoLayout.KernelParamSize } p)
            return null;
        var i = rng.Next((int)(p.Size / KoLayout.KernelParamSize));
        var at = p.Offset + i * KoLayout.KernelParamSize;
        return rng.Next(4) switch
        {
            0 or 1 => Write($"__param[{i}].perm", at + 24, 2, (ulong)Perms[rng.Next(Perms.Length)]),
            2 => Write($"__param[{i}].level", at + 26, 1, (ulong)rng.Next(256)),
            _ => Write($"__param[{i}].flags", at + 27, 1, (ulong)rng.Next(256)),
        };
    }

    private KoMutation? Signature(Random rng)
    {
        var sig = layout.SignatureOffset;
        if (sig < 0)
            return rng.Next(2) == 0 ? null : new KoTruncate("signature trailer cut", Math.Max(0, layout.Image.Length - rng.Next(1, 40)));
        return rng.Next(5) switch
        {
            0 => Field(rng, "module_signature.sig_len (be32)", sig + 8, 4, bigEndian: true),
            1 => Write("module_signature.id_type", sig + 2, 1, (ulong)rng.Next(4)),
            2 => Write("module_signature.algo/hash", sig, 2, (ulong)rng.Next(65536)),
            3 => Write("module_signature.signer_len/key_id_len", sig + 3, 2, (ulong)rng.Next(65536)),
            _ => new KoPatch("signature magic", layout.Image.Length - 1 - rng.Next(28), [(byte)rng.Next(256)]),
        };
    }

    private KoMutation? SymbolName(Random rng)
    {
        if (layout.Find(".strtab") is not { Size: > 1 } strtab)
            return null;
        var image = layout.Image;
        var hits = new List<int>();
        var needle = "param_ops_"u8;
        for (var at = (int)strtab.Offset; at < strtab.Offset + strtab.Size - needle.Length; at++)
        {
            if (image.AsSpan(at).StartsWith(needle))
                hits.Add(at);
        }
        if (hits.Count > 0 && rng.Next(2) == 0)
        {
            var ops = OpsNames[rng.Next(OpsNames.Length)] + "\0";
            return new KoPatch($"ops symbol renamed {ops.TrimEnd('\0')}", hits[rng.Next(hits.Count)], Encoding.ASCII.GetBytes(ops));
        }
        var pos = (int)strtab.Offset + 1 + rng.Next((int)strtab.Size - 1);
        return new KoPatch(".strtab byte", pos, [(byte)"_-.\0Aa~"[rng.Next(7)]]);
    }

    private KoMutation Field(Random rng, string name, int offset, int size, bool bigEndian = false)
    {
        var current = Read(offset, size, bigEndian);
        ulong[] interesting =
        [
            0, 1, 2, 7, 8, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff,
            0x100000000, long.MaxValue, ulong.MaxValue, ulong.MaxValue - 7, (ulong)layout.Image.Length, (ulong)layout.Image.Length + 1,
            current + 1, current - 1, current * 2, current + 0x1000, (ulong)rng.NextInt64(),
        ];
        return Write(name, offset, size, interesting[rng.Next(interesting.Length)], bigEndian);
    }

    private ulong Read(long offset, int size, bool bigEndian)
    {
        ulong v = 0;
        for (var i = 0; i < size && offset + i < layout.Image.Length; i++)
        {
            var b = layout.Image[offset + i];
            v = bigEndian ? (v << 8) | b : v | ((ulong)b << (8 * i));
        }
        return v;
    }

    private static KoPatch Write(string name, long offset, int size, ulong value, bool bigEndian = false)
    {
        var data = new byte[size];
        for (var i = 0; i < size; i++)
            data[bigEndian ? size - 1 - i : i] = (byte)(value >> (8 * i));
        return new KoPatch($"{name} = 0x{value & (size == 8 ? ulong.MaxValue : (1UL << (8 * size)) - 1):x}", (int)offset, data);
    }
}
