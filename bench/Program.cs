// Benchmarks: BenchmarkDotNet entry point; pick suites with --filter.
using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
