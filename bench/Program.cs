// Benchmarks: BenchmarkDotNet entry point; pick suites with --filter. `coyote` runs the side-by-side
// comparison with Microsoft Coyote instead (Coyote/CoyoteComparison.cs).
using BenchmarkDotNet.Running;

if (args.Length > 0 && args[0] == "coyote")
{
    return ModActors.Bench.Coyote.CoyoteComparison.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
