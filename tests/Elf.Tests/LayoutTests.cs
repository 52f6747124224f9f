// layout_and_allocate's sizes and section offsets against Debian's real kernel (fixtures/ko/sizes.txt
// and sections.txt, recorded by the oracle from /proc/modules and /sys/module/*/sections).
namespace ModActors.Elf.Tests;

public class LayoutTests
{
    public static TheoryData<string, uint, uint> RealSizes()
    {
        var data = new TheoryData<string, uint, uint>();
        foreach (var line in File.ReadAllLines(Fixtures.KoPath("sizes.txt")).Where(l => !l.StartsWith('#')))
        {
            var f = line.Split(' ');
            data.Add(f[0], uint.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture),
                uint.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(RealSizes))]
    public void Proc_modules_size_equals_the_real_kernel_while_loading_and_once_live(string module, uint loading, uint live)
    {
        var layout = Fixtures.Module(module + ".ko").Layout;
        Assert.Equal(loading, layout.TotalSize);
        Assert.Equal(live, layout.CoreSize);
    }

    [Fact]
    public void Every_section_lands_at_the_offset_the_real_kernel_gave_it()
    {
        var real = File.ReadAllLines(Fixtures.KoPath("sections.txt")).Where(l => !l.StartsWith('#'))
            .Select(l => l.Split(' ')).GroupBy(f => f[0]);
        var checkedSections = 0;
        foreach (var module in real)
        {
            var m = Fixtures.Module(module.Key + ".ko");
            var addresses = module.ToDictionary(f => f[1], f => Convert.ToUInt64(f[2], 16));
            var bases = new Dictionary<ModMemType, ulong>();
            foreach (var s in m.Sections)
            {
                if (!addresses.TryGetValue(s.Name, out var address))
                    continue;
                var placement = m.Layout.Placements[s.Index];
                Assert.NotNull(placement.Type);
                var type = placement.Type!.Value;
                if (!bases.TryGetValue(type, out var b))
                    bases[type] = b = address - placement.Offset;
                Assert.True(b + placement.Offset == address, $"{module.Key} {s.Name}: offset {placement.Offset:x}, real {address - b:x}");
                Assert.Equal(0UL, b % 4096);
                checkedSections++;
            }
        }
        Assert.True(checkedSections > 100);
    }

    [Fact]
    public void Modinfo_and_versions_take_no_memory_unless_versions_are_ignored()
    {
        var m = Fixtures.Module("slow.ko");
        Assert.Null(m.Layout.Placements[m.Sections.Single(s => s.Name == ".modinfo").Index].Type);
        Assert.Null(m.Layout.Placements[m.Sections.Single(s => s.Name == "__versions").Index].Type);
        var ignored = Fixtures.Module("slow.ko", new ModuleReadOptions { Flags = ModuleInitFlags.IgnoreModversions });
        Assert.Equal(ModMemType.Rodata, ignored.Layout.Placements[ignored.Sections.Single(s => s.Name == "__versions").Index].Type);
    }

    [Fact]
    public void A_writable_and_executable_section_is_refused_by_layout()
    {
        var image = Fixtures.Bytes("slow.ko");
        var text = Fixtures.SectionIndex(image, ".text");
        var patched = Fixtures.Patch64(image, Fixtures.Shdr(image, text) + 8, 0x7); // SHF_WRITE|SHF_ALLOC|SHF_EXECINSTR
        var m = KernelModuleReader.Read(patched).Module!;
        Assert.Equal(8, m.LayoutRejection!.Errno);
        Assert.Equal($"slow: section .text (index {text}) has invalid WRITE|EXEC flags", m.LayoutRejection.Log);
        Assert.Null(Fixtures.Module("slow.ko").LayoutRejection);
    }
}
