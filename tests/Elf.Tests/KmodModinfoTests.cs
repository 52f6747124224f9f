// `modactors modinfo` prints what kmod 30's modinfo printed for the same file
// (fixtures/ko/<file>.modinfo.txt, recorded with "$KO/" standing for the directory).
namespace ModActors.Elf.Tests;

public class KmodModinfoTests
{
    public static TheoryData<string> RecordedFiles()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(Fixtures.Ko, "*.modinfo.txt").Order(StringComparer.Ordinal))
        {
            var file = Path.GetFileName(path)[..^".modinfo.txt".Length];
            if (File.Exists(Fixtures.KoPath(file)))
                data.Add(file);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(RecordedFiles))]
    public void Output_equals_kmod_modinfo_for_the_same_file(string file)
    {
        var expected = File.ReadAllText(Fixtures.KoPath(file + ".modinfo.txt")).Replace("$KO/", Fixtures.Ko + "/", StringComparison.Ordinal);
        Assert.True(ModuleFile.TryLoad(Fixtures.KoPath(file), out var image, out _));
        var info = KmodModinfo.Read(image);
        var filename = Fixtures.KoPath(file);
        var actual = info.Errno == 0 ? KmodModinfoFormat.Text(filename, info.Fields) : $"filename:       {filename}\n";
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Failures_name_kmod_errnos()
    {
        Assert.Equal("Exec format error", KmodModinfo.Read(Fixtures.Bytes("notelf.ko")).ErrorText);
        Assert.Equal("Invalid argument", KmodModinfo.Read(Fixtures.Bytes("trunc.ko")).ErrorText);
    }

    [Fact]
    public void Field_selection_prints_bare_values_and_parameters_like_kmod_F()
    {
        var fields = KmodModinfo.Read(Fixtures.Bytes("slow.ko")).Fields;
        Assert.Equal("slow\n", KmodModinfoFormat.Text("/x/slow.ko", fields, "name"));
        Assert.Equal("/x/slow.ko\n", KmodModinfoFormat.Text("/x/slow.ko", fields, "filename"));
        Assert.StartsWith("delay_ms:milliseconds init sleeps before returning (int)\n",
            KmodModinfoFormat.Text("/x/slow.ko", fields, "parm"), StringComparison.Ordinal);
    }

    [Fact]
    public void Json_keeps_every_field_in_order_and_joins_parameters()
    {
        var fields = KmodModinfo.Read(Fixtures.Bytes("expa.signed.ko")).Fields;
        using var doc = System.Text.Json.JsonDocument.Parse(KmodModinfoFormat.Json("/x/expa.ko", fields));
        var root = doc.RootElement;
        Assert.Equal("/x/expa.ko", root.GetProperty("filename").GetString());
        Assert.Equal(fields.Count, root.GetProperty("fields").GetArrayLength());
        Assert.Equal("PKCS#7", root.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("key").GetString() == "sig_id").GetProperty("value").GetString());
        Assert.Contains("\"6.12.117+deb12-amd64 SMP preempt mod_unload modversions \"", KmodModinfoFormat.Json("/x/expa.ko", fields), StringComparison.Ordinal);
        var delay = root.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "delay_ms");
        Assert.Equal("int", delay.GetProperty("type").GetString());
    }
}
