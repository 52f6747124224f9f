// Loading the project's real .ko fixtures (fixtures/ko) through src/Elf: the sizes, errors and log lines the real
// 6.12 kernel gave for the same files (oracle scenario k and oracle/results/fixture_sizes.txt).
using ModActors.Kernel;
using Xunit;
using static ModActors.Kernel.Tests.Loader.KernelHarness;

namespace ModActors.Kernel.Tests.Loader;

public sealed class RealModuleTests
{
    private static readonly string Ko = Path.Combine(RepoRoot(), "fixtures", "ko");

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ModActors.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("ModActors.sln not found above the test directory");
    }

    private static KernelHarness WithRealFiles(params string[] names)
    {
        var h = new KernelHarness();
        foreach (var name in names)
        {
            var compression = name.EndsWith(".xz", StringComparison.Ordinal) ? FileCompression.Xz
                : name.EndsWith(".gz", StringComparison.Ordinal) ? FileCompression.Gzip : FileCompression.None;
            var behaviour = name.StartsWith("slow", StringComparison.Ordinal) ? TestModules.Slow : null;
            h.Kernel.Files.Add(new SimFile
            {
                Path = "/m/" + name,
                Inode = h.Kernel.Files.NewInode(),
                Bytes = File.ReadAllBytes(Path.Combine(Ko, name)),
                Compression = compression,
                Module = behaviour,
            });
        }
        return h;
    }

    [Fact]
    public void A_real_slow_ko_shows_the_kernels_sizes_while_loading_and_once_live()
    {
        var h = WithRealFiles("slow.ko");
        var seen = new List<string>();
        h.Task("a", Finit("/m/slow.ko", "delay_ms=1000"));
        h.Task("look", Sleep(500), Proc(seen));
        h.Run();
        Assert.Equal(0, h.Rc("a"));
        Assert.Equal("slow 20480 1 - Loading 0x0000000000000000 (OE+)\n", seen[0]);
        Assert.Equal("slow 12288 0 - Live 0x0000000000000000 (OE)\n", h.ProcModules());
    }

    [Fact]
    public void Real_expa_and_useb_resolve_with_their_modversions_crcs()
    {
        var h = WithRealFiles("expa.ko", "useb.ko", "nsok.ko", "nsuser.ko", "propc.ko");
        h.Task("a", Finit("/m/expa.ko"), Finit("/m/useb.ko"), Finit("/m/nsok.ko"), Finit("/m/nsuser.ko"), Finit("/m/propc.ko"));
        h.Run();
        Assert.Equal(new[] { 0, 0, 0, -Errno.EINVAL, -Errno.ENOENT }, Enumerable.Range(0, 5).Select(i => h.Rc("a", i)).ToArray());
        Assert.StartsWith("nsok 12288 0 - Live", h.ProcModules(), StringComparison.Ordinal);
        Assert.Contains("expa 12288 2 nsok,useb, Live 0x0000000000000000 (OE)\n", h.ProcModules(), StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_images_fail_like_the_kernel_k1_to_k12()
    {
        var h = WithRealFiles("notelf.ko", "trunc.ko", "slow.ko.xz", "slow.ko");
        h.Kernel.Files.Add(new SimFile { Path = "/m/empty.ko", Inode = 9001, Kind = SimFileKind.Empty });
        h.Kernel.Files.Add(new SimFile { Path = "/m", Inode = 9002, Kind = SimFileKind.Directory });
        h.Kernel.Files.Add(new SimFile { Path = "/dev/null", Inode = 9003, Kind = SimFileKind.CharDevice });
        h.Task("k", Finit("/m/notelf.ko"), Finit("/m/trunc.ko"), Finit("/m/slow.ko.xz"), Finit("/m/slow.ko", flags: 4),
            Finit("/m/empty.ko"), Finit("/m"), Finit("/dev/null"), Finit("/m/slow.ko", flags: 8),
            Init("/m/notelf.ko"), Init("/m/slow.ko.xz"), Init("/m/empty.ko"), Finit("/m/slow.ko.xz", flags: 4));
        h.Run();
        Assert.Equal(new[]
        {
            -Errno.ENOEXEC, -Errno.ENOEXEC, -Errno.ENOEXEC, -Errno.EINVAL, -Errno.EINVAL, -Errno.EINVAL, -Errno.EINVAL, -Errno.EINVAL,
            -Errno.ENOEXEC, -Errno.ENOEXEC, -Errno.ENOEXEC, 0,
        }, Enumerable.Range(0, 12).Select(i => h.Rc("k", i)).ToArray());
        Assert.Equal(new[]
        {
            "Invalid ELF header len 24", "Invalid ELF section header overflow", "Invalid ELF header magic: != \x7f" + "ELF",
            "not an xz compressed module", "Invalid ELF header magic: != \x7f" + "ELF",
        }, h.Log.Take(5).ToArray());
    }
}
