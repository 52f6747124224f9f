// apply_relocate_add against an independent relocator: GNU ld links the same fixture object with every
// allocated section at the address our layout gave it and every undefined symbol at the same value
// (assigned in the linker script); the relocated bytes must be identical. Plus the kernel's own refusals.
using System.Buffers.Binary;
using System.Text;
using ModActors.Elf.Format;

namespace ModActors.Elf.Tests;

public class RelocationTests
{
    private static ulong Base(ModMemType t) => GnuLd.Base(t);

    [Theory]
    [InlineData("slow.ko")]
    [InlineData("expa.ko")]
    [InlineData("useb.ko")]
    [InlineData("refmod.ko")]
    [InlineData("notif.ko")]
    [InlineData("noexit.ko")]
    [InlineData("slow.signed.ko")]
    public void Relocated_bytes_equal_gnu_ld_linking_the_same_object_at_the_same_addresses(string file)
    {
        if (GnuLd.Path is null)
            return;
        Assert.True(GnuLd.AssertRelocationMatches(Fixtures.Bytes(file), file) > 1000);
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
}
