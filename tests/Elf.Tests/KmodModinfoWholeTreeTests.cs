// Our modinfo output against kmod's own modinfo, run live on real Debian modules (opt-in: needs the
// fetched tree and kmod's modinfo on PATH): plain .ko and .ko.xz, a spread of every 10th module.
using System.Diagnostics;

namespace ModActors.Elf.Tests;

public class KmodModinfoWholeTreeTests
{
    private static string? Modinfo { get; } = ((string[])["/usr/sbin/modinfo", "/sbin/modinfo", "/usr/bin/modinfo"]).FirstOrDefault(File.Exists);

    [WholeTreeFact]
    public void Output_equals_kmod_modinfo_on_debian_modules_plain_and_xz()
    {
        if (Modinfo is null)
            return;
        var compared = 0;
        foreach (var (rel, i) in WholeTree.RawModulePaths().Select((r, i) => (r, i)).Where(p => p.i % 10 == 0))
        {
            var path = Path.Combine(i % 20 == 0 ? WholeTree.XzModules : WholeTree.RawModules, i % 20 == 0 ? rel + ".xz" : rel);
            Assert.True(ModuleFile.TryLoad(path, out var image, out var error), error);
            var info = KmodModinfo.Read(image);
            Assert.Equal(0, info.Errno);
            Assert.Equal(Kmod(path), KmodModinfoFormat.Text(path, info.Fields));
            compared++;
        }
        Assert.True(compared > 400);
    }

    private static string Kmod(string path)
    {
        using var p = Process.Start(new ProcessStartInfo(Modinfo!, [path]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stdout = p.StandardOutput.ReadToEnd();
        p.StandardError.ReadToEnd();
        p.WaitForExit();
        return stdout;
    }
}
