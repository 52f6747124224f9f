// Runs a (mutated) .ko through everything that reads it: src/Elf's reader (module_decompress,
// module_sig_check, elf_validity_cache_copy, early_mod_check), its modinfo rendering, and the simulated
// kernel's relocation (ModuleRelocation, every section read back) and the simulated kernel — a task calls finit_module with the module's parameters set, reads /proc/modules and the
// parameters in /sys/module/NAME/parameters, then delete_module. Any exception, or a run that fails
// with one, is an internal error.
using ModActors.Elf;
using ModActors.Kernel;
using ModActors.Runtime;

namespace ModActors.Scenarios.Fuzzing;

internal static class KoFuzzTarget
{
    private static readonly SourceMark Mark = new("fuzz.ko", 0, 0);

    /// <summary>Runs one image; never throws.</summary>
    public static FuzzOutcome Run(byte[] image, long maxSteps = 20_000)
    {
        try
        {
            var read = KernelModuleReader.Read(image);
            var modinfo = KmodModinfo.Read(image);
            _ = KmodModinfoFormat.Text("fuzz.ko", modinfo.Fields) + KmodModinfoFormat.Json("fuzz.ko", modinfo.Fields);
            if (read.Module is { } module)
                Relocate(module);
            var report = RunKernel(image, read.Module, maxSteps);
            if (report.Result.Outcome == RunOutcome.Failure)
                return new FuzzOutcome(FuzzClass.InternalError, report.Result.Failure?.Error ?? "failure") { Stack = report.Result.Failure?.ToString() + "\n" + report.Result.Failure?.Exception };
            if (report.Result.Outcome != RunOutcome.Quiescent)
                return new FuzzOutcome(FuzzClass.InternalError, $"the run ended in {report.Result.Outcome}");
            var rc = report.Calls.Count > 0 ? report.Calls[0].Rc : 0;
            if (read.Module is null)
                return new FuzzOutcome(FuzzClass.Rejected, $"-{read.Rejection!.ErrnoName}");
            return rc == 0 ? new FuzzOutcome(FuzzClass.Accepted, "loaded") : new FuzzOutcome(FuzzClass.Rejected, $"finit -{Errno.Name(rc)}");
        }
        catch (Exception e)
        {
            return FuzzOutcome.Internal(e);
        }
    }

    /// <summary>move_module, simplify_symbols and apply_relocations at Debian-like addresses, then every section's bytes.</summary>
    private static void Relocate(KernelModule module)
    {
        var relocated = ModuleRelocation.Relocate(module, t => 0xffffffffc0000000UL + ((ulong)t << 24), _ => 0xffffffff81000000UL);
        if (relocated.Image is not { } memory)
            return;
        for (var i = 0; i < module.Sections.Count + 1; i++)
            _ = memory.SectionBytes(i);
    }

    private static RunReport RunKernel(byte[] image, KernelModule? parsed, long maxSteps)
    {
        const string key = "fuzz";
        var path = ScenarioLoader.DefaultPath(key);
        var args = parsed is null ? "" : string.Join(' ', parsed.Params.Where(p => p.Name.Length > 0).Select(p => $"{p.Name}=1"));
        var steps = new List<Step> { new CallStep(Mark, CallOp.finit_module, path, args, 0, null), new CallStep(Mark, CallOp.read, "/proc/modules", "", 0, null) };
        if (parsed is not null)
        {
            steps.AddRange(parsed.Params.Where(p => p.Name.Length > 0)
                .Select(p => new CallStep(Mark, CallOp.read, $"/sys/module/{parsed.Name}/parameters/{p.Name}", "", 0, null)));
            steps.Add(new CallStep(Mark, CallOp.delete_module, parsed.Name, "", 0x800, null));
        }
        var scenario = new Scenario("fuzz", "fuzz.ko", KernelConfig.Debian612, null,
            [new ModuleSpec(key, new ModuleDefinition { Name = key }, image, FileCompression.None)],
            [new FileSpec(path, key, null, SimFileKind.Regular)],
            [new TaskSpec("t", steps, Mark)],
            new FinalExpectations(), new ExploreSpec());
        var report = ScenarioRunner.Run(new ScenarioSetup(scenario), new RunSettings(MaxSteps: maxSteps));
        _ = TextReport.Run(scenario, report, "fifo").ToList();
        return report;
    }
}
