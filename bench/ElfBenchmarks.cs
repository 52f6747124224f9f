// Reading one module the way the loader does (module_sig_check + elf_validity_cache_copy +
// early_mod_check's file checks + symbols), its layout and its relocation, on the committed fixtures.
using BenchmarkDotNet.Attributes;
using ModActors.Elf;

namespace ModActors.Bench;

[MemoryDiagnoser]
public class ElfBenchmarks
{
    private byte[] _slow = [];
    private byte[] _expa = [];
    private byte[] _signed = [];
    private ModuleReadOptions _trusting = ModuleReadOptions.Default;
    private KernelModule? _expaModule;

    [GlobalSetup]
    public void Setup()
    {
        var ko = Path.Combine(ElfBenchPaths.Root, "fixtures", "ko");
        _slow = File.ReadAllBytes(Path.Combine(ko, "slow.ko"));
        _expa = File.ReadAllBytes(Path.Combine(ko, "expa.ko"));
        _signed = File.ReadAllBytes(Path.Combine(ko, "slow.signed.ko"));
        _trusting = new ModuleReadOptions
        {
            TrustedCertificates = [System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(
                Path.Combine(ElfBenchPaths.Root, "fixtures", "keys", "ecdsa.x509"))],
        };
        _expaModule = KernelModuleReader.Read(_expa).Module;
    }

    [Benchmark(Baseline = true)]
    public KernelModule? ParseAndValidateSlow() => KernelModuleReader.Read(_slow).Module;

    [Benchmark]
    public int ParseValidateExpaWithExports() => KernelModuleReader.Read(_expa).Module!.Exports.Count;

    [Benchmark]
    public bool ParseAndVerifySignedSlow() => KernelModuleReader.Read(_signed, _trusting).Module!.Signature.SigOk;

    [Benchmark]
    public uint LayoutExpa() => KernelModuleReader.Read(_expa).Module!.Layout.TotalSize;

    [Benchmark]
    public bool RelocateExpa() =>
        ModuleRelocation.Relocate(_expaModule!, t => 0xffffffffc0000000UL + (ulong)t * 0x100000, _ => 0xffffffff81000000UL).IsOk;
}
