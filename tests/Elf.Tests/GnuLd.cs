// GNU ld as an independent relocator: it links a module object with every section the kernel would
// allocate placed (by a generated linker script) at the address our layout gave it and every undefined
// symbol defined at the value we resolved it to, so its output bytes can be compared with ours.
// .data..percpu, which the kernel allocates per CPU instead, goes at the percpu base we pass.
using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using ModActors.Elf.Format;

namespace ModActors.Elf.Tests;

internal static class GnuLd
{
    public static string? Path { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(':', StringSplitOptions.RemoveEmptyEntries).Select(d => System.IO.Path.Combine(d, "ld")).FirstOrDefault(File.Exists);

    public static ulong Base(ModMemType t) => 0xffffffffc0000000UL + (ulong)t * 0x1000000;

    /// Undefined symbols get distinct kernel-text addresses in a fixed (sorted) order.
    public static Dictionary<string, ulong> KernelSymbols(KernelModule m) =>
        m.UndefinedSymbols.Select(u => u.Name).Distinct().Order(StringComparer.Ordinal)
            .Select((n, i) => (n, 0xffffffff81000000UL + (ulong)i * 0x1040)).ToDictionary(p => p.n, p => p.Item2);

    /// Relocates the module both ways; returns how many bytes were compared, and fails on the first difference.
    public static long AssertRelocationMatches(byte[] file, string label)
    {
        var module = KernelModuleReader.Read(file).Module ?? throw new InvalidOperationException(label + " does not parse");
        var kernel = KernelSymbols(module);
        const ulong percpu = 0xffffffffa0000000;
        var result = ModuleRelocation.Relocate(module, Base, name => kernel.TryGetValue(name, out var v) ? v : null, percpu);
        Assert.True(result.IsOk, $"{label}: {result.Rejection}");
        var image = result.Image!;

        var dir = Directory.CreateTempSubdirectory("modactors-ld-");
        try
        {
            var script = new StringBuilder("SECTIONS\n{\n");
            var rest = new List<string>();
            var compared = new List<int>();
            foreach (var s in module.Sections)
            {
                var placed = image.SectionAddress(s.Index);
                if (s.Name is ".symtab" or ".strtab" || s.Type == Elf64.SHT_RELA)
                    continue;
                if (s.Name == ".data..percpu" && s.IsAlloc)
                {
                    script.Append(CultureInfo.InvariantCulture, $"  percpu 0x{percpu:x} : {{ *(\".data..percpu\") }}\n");
                    continue;
                }
                if (placed is null || s.Name.StartsWith(".note", StringComparison.Ordinal))
                {
                    if (s.IsAlloc)
                        rest.Add(s.Name);
                    continue;
                }
                script.Append(CultureInfo.InvariantCulture, $"  s{s.Index} 0x{placed:x} : {{ *(\"{s.Name}\") }}\n");
                if (s.Size > 0)
                    compared.Add(s.Index);
            }
            script.Append("  rest 0xffffffffb0000000 : { ").AppendJoin(' ', rest.Select(r => $"*(\"{r}\")")).Append(" }\n");
            foreach (var (name, value) in kernel)
                script.Append(CultureInfo.InvariantCulture, $"  \"{name}\" = 0x{value:x};\n");
            script.Append("}\n");
            var scriptPath = System.IO.Path.Combine(dir.FullName, "layout.ld");
            File.WriteAllText(scriptPath, script.ToString());
            var input = System.IO.Path.Combine(dir.FullName, "module.o");
            File.WriteAllBytes(input, WithoutMergeFlags(file[..module.ImageLength]));
            var output = System.IO.Path.Combine(dir.FullName, "linked.elf");
            var (rc, stderr) = Run(Path!, $"-m elf_x86_64 --no-relax -nostdlib -e 0 -z noexecstack --no-warn-rwx-segments -T {scriptPath} -o {output} {input}");
            Assert.True(rc == 0, $"{label}: ld failed: {stderr}");

            var linked = ElfFile.TryOpenLenient(File.ReadAllBytes(output))!;
            var byName = new Dictionary<string, int>();
            for (var i = 0; i < linked.Sections.Length; i++)
                byName.TryAdd(linked.SectionName(i), i);
            long bytes = 0;
            foreach (var index in compared)
            {
                var ours = image.SectionBytes(index).Span;
                var at = byName[$"s{index}"];
                Assert.Equal(image.SectionAddress(index), linked.Sections[at].sh_addr);
                var theirs = linked.Sections[at].sh_type == Elf64.SHT_NOBITS ? new byte[ours.Length] : linked.SectionData(at);
                var diff = ours.CommonPrefixLength(theirs);
                Assert.True(diff == ours.Length && theirs.Length == ours.Length,
                    $"{label} {module.Sections[index].Name}: bytes differ from ld at offset 0x{diff:x}");
                bytes += ours.Length;
            }
            return bytes;
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// The kernel never merges strings, but ld would deduplicate SHF_MERGE sections (e.g. the empty namespace
    /// strings of __ksymtab_strings) and move what relocations point at; clearing SHF_MERGE keeps ld's layout
    /// of the input bytes identical to the kernel's without changing any relocation.
    private static byte[] WithoutMergeFlags(byte[] image)
    {
        var copy = (byte[])image.Clone();
        for (var i = 0; i < Fixtures.Shnum(copy); i++)
        {
            var flags = Fixtures.Shdr(copy, i) + 8;
            BinaryPrimitives.WriteUInt64LittleEndian(copy.AsSpan(flags), BinaryPrimitives.ReadUInt64LittleEndian(copy.AsSpan(flags)) & ~0x10UL);
        }
        return copy;
    }

    private static (int Rc, string Stderr) Run(string exe, string args)
    {
        using var p = Process.Start(new ProcessStartInfo(exe, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var stderr = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stderr.Result);
    }
}
