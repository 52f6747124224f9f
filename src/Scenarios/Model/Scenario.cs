// A race scenario as read from its YAML file: the kernel to boot, the modules and files it knows, the
// tasks with their ordered steps, the expectations and the exploration settings. Immutable; the loader
// builds it after every check has passed, the runner only reads it.
using ModActors.Kernel;

namespace ModActors.Scenarios;

/// <summary>Where something was written: the scenario file, 1-based line and column.</summary>
internal sealed record SourceMark(string File, int Line, int Column)
{
    public override string ToString() => Line == 0 ? File : $"{File}:{Line}:{Column}";
}

/// <summary>One loaded scenario.</summary>
internal sealed record Scenario(
    string Name,
    string SourcePath,
    KernelConfig Config,
    string? SymversPath,
    IReadOnlyList<ModuleSpec> Modules,
    IReadOnlyList<FileSpec> Files,
    IReadOnlyList<TaskSpec> Tasks,
    FinalExpectations Expect,
    ExploreSpec Explore);

/// <summary>A module: synthetic (<see cref="Definition"/> only) or real (<see cref="Image"/> holds the .ko bytes).</summary>
internal sealed record ModuleSpec(string Key, ModuleDefinition Definition, ReadOnlyMemory<byte>? Image, FileCompression Compression);

/// <summary>A path tasks can load: a module's file, a link to another path's inode, or a special file.</summary>
internal sealed record FileSpec(string Path, string? Module, string? LinkTo, SimFileKind Kind);

/// <summary>A task and its steps, run in order.</summary>
internal sealed record TaskSpec(string Name, IReadOnlyList<Step> Steps, SourceMark Mark);
