// apply_relocate_add against an independent relocator: GNU ld links the same fixture object with every
// allocated section at the address our layout gave it and every undefined symbol at the same value
// (--defsym); the relocated bytes must be identical. Plus the kernel's own refusals.
using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using ModActors.Elf.Format;

namespace ModActors.Elf.Tests;

public class RelocationTests
{
    private const ulong ModuleArea = 0xffffffffc0000000;

    private static ulong Base(ModMemType t) => ModuleArea + (ulong)t * 0x100000;

    /// Undefined symbols get distinct kernel-text addresses in a fixed (sorted) order.
    private static Dictionary<string, ulong> KernelSymbols(KernelModule m)
    {
        var names = m.UndefinedSymbols.Select(u => u.Name).Distinct().Order(StringComparer.Ordinal).ToList();
        return names.Select((n, i) => (n, 0xffffffff81000000UL + (ulong)i * 0x1040)).ToDictionary(p => p.n, p => p.Item2);
    }

    [Theory]
    [InlineData("slow.ko")]
    [InlineData("expa.ko")]
    [InlineData("useb.ko")]
    [InlineData("refmod.ko")]
    [InlineData("notif.ko")]
    [InlineData("noexit.ko")]
    public void Relocated_bytes_equal_gnu_ld_linking_the_same_object_at_the_same_addresses(string file)
    {
        var ld = FindOnPath("ld");
        if (ld is null)
            return;
        var module = Fixtures.Module(file);
        var kernel = KernelSymbols(module);
        var result = ModuleRelocation.Relocate(module, Base, name => kernel.TryGetValue(name, out var v) ? v : null);
        Assert.True(result.IsOk, result.Rejection?.ToString());
        var image = result.Image!;

        var dir = Directory.CreateTempSubdirectory("modactors-ld-");
        try
        {
            var script = new StringBuilder("SECTIONS\n{\n");
            var compared = new List<int>();
            foreach (var s in module.Sections)
            {
                if (image.SectionAddress(s.Index) is not { } address || s.Size == 0 || s.Name is ".symtab" or ".strtab"
                    || s.Name.StartsWith(".note", StringComparison.Ordinal))
                    continue;
                script.Append(CultureInfo.InvariantCulture, $"  s{s.Index} 0x{address:x} : {{ *({s.Name}) }}\n");
                compared.Add(s.Index);
            }
            foreach (var (name, value) in kernel)
                script.Append(CultureInfo.InvariantCulture, $"  {name} = 0x{value:x};\n");
            script.Append("}\n");
            var scriptPath = Path.Combine(dir.FullName, "layout.ld");
            File.WriteAllText(scriptPath, script.ToString());
            var input = Path.Combine(dir.FullName, file);
            File.WriteAllBytes(input, WithoutMergeFlags(Fixtures.Bytes(file)));
            var output = Path.Combine(dir.FullName, "linked.elf");
            var (rc, stderr) = Run(ld, $"-m elf_x86_64 --no-relax -nostdlib -e 0 -z noexecstack --no-warn-rwx-segments -T {scriptPath} -o {output} {input}");
            Assert.True(rc == 0, stderr);

            var linked = ElfFile.TryOpenLenient(File.ReadAllBytes(output))!;
            var byName = Enumerable.Range(0, linked.Sections.Length).ToDictionary(linked.SectionName);
            var relocatedSections = module.Sections.Where(s => s.Type == Elf64.SHT_RELA).Select(s => (int)s.Info).ToHashSet();
            Assert.Contains(compared, relocatedSections.Contains);
            foreach (var index in compared)
            {
                var ours = image.SectionBytes(index).Span;
                var section = linked.Sections[byName[$"s{index}"]];
                Assert.Equal(image.SectionAddress(index), section.sh_addr);
                var theirs = section.sh_type == Elf64.SHT_NOBITS ? new byte[ours.Length] : linked.SectionData(byName[$"s{index}"]);
                Assert.True(ours.SequenceEqual(theirs), $"{file} {module.Sections[index].Name}: bytes differ from ld");
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Exported_symbol_table_points_at_the_relocated_function_and_name()
    {
        var module = Fixtures.Module("expa.ko");
        var image = ModuleRelocation.Relocate(module, Base, _ => 0xffffffff81000000).Image!;
        var ksymtab = module.Sections.Single(s => s.Name == "__ksymtab");
        var strings = module.Sections.Single(s => s.Name == "__ksymtab_strings");
        var entries = image.SectionBytes(ksymtab.Index).Span;
        var names = new List<string>();
        for (var off = 0; off < entries.Length; off += 12)
        {
            var entryAddr = image.SectionAddress(ksymtab.Index)!.Value + (ulong)off;
            var nameAddr = entryAddr + 4 + (ulong)(long)BinaryPrimitives.ReadInt32LittleEndian(entries[(off + 4)..]);
            var nameOffset = (int)(nameAddr - image.SectionAddress(strings.Index)!.Value);
            var bytes = image.SectionBytes(strings.Index).Span[nameOffset..];
            names.Add(Encoding.ASCII.GetString(bytes[..bytes.IndexOf((byte)0)]));
        }
        Assert.Equal(["expa_ns", "expa_value"], names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_unknown_symbol_is_logged_once_per_symbol_and_refuses_with_enoent()
    {
        var module = Fixtures.Module("useb.ko");
        var result = ModuleRelocation.Relocate(module, Base, name => name == "expa_value" ? null : 0xffffffff81000000);
        Assert.False(result.IsOk);
        Assert.Equal(2, result.Rejection!.Errno);
        Assert.Equal(["useb: Unknown symbol expa_value (err -2)"], result.Log);
    }

    [Fact]
    public void A_32s_relocation_to_a_symbol_above_2_GiB_overflows_like_the_kernel_says()
    {
        var module = Fixtures.Module("slow.ko");
        var has32S = module.Sections.Where(s => s.Type == Elf64.SHT_RELA).Any(s =>
        {
            var data = module.Info.File.SectionData(s.Index);
            for (var off = 0; off + 24 <= data.Length; off += 24)
            {
                if (Elf64.ELF64_R_TYPE(BinaryPrimitives.ReadUInt64LittleEndian(data[(off + 8)..])) == Elf64.R_X86_64_32S)
                    return true;
            }
            return false;
        });
        Assert.True(has32S);
        var result = ModuleRelocation.Relocate(module, t => 0x0000000100000000UL + (ulong)t * 0x100000, _ => 0x1000);
        Assert.False(result.IsOk);
        Assert.Equal(8, result.Rejection!.Errno);
        Assert.Matches(@"^module: overflow in relocation type 11 val 1[0-9a-f]{8}\nmodule: `slow' likely not compiled with -mcmodel=kernel$", result.Rejection.Log);
    }

    [Fact]
    public void A_relocation_onto_nonzero_bytes_is_refused()
    {
        var image = Fixtures.Bytes("slow.ko");
        var thisModule = Fixtures.SectionIndex(image, ".gnu.linkonce.this_module");
        var offset = (int)BitConverter.ToUInt64(image, Fixtures.Shdr(image, thisModule) + 24);
        image[offset + 0x138] = 1;
        var module = KernelModuleReader.Read(image).Module!;
        var result = ModuleRelocation.Relocate(module, Base, _ => 0xffffffff81000000);
        Assert.Equal(8, result.Rejection!.Errno);
        Assert.StartsWith("module: x86/modules: Invalid relocation target, existing value is nonzero for type 1, loc ", result.Rejection.Log, StringComparison.Ordinal);
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

    private static string? FindOnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
        .Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);

    private static (int Rc, string Stderr) Run(string exe, string args)
    {
        using var p = Process.Start(new ProcessStartInfo(exe, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var stderr = p.StandardError.ReadToEnd();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stderr);
    }
}
