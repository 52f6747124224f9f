// What a scenario expects: of one call (an exact result, one of several, any failure; for a read, its
// text) and of the whole run once it has ended (the module list, references, taints, log, statistics,
// the runtime's outcome). Each is checked in every run of an exploration.
using ModActors.Runtime;

namespace ModActors.Scenarios;

/// <summary>An expectation on one call's result.</summary>
internal abstract record CallExpectation(SourceMark Mark)
{
    /// <summary>Whether the result (0 or -errno) and, for reads, the text satisfy it.</summary>
    public abstract bool Holds(int rc, string? text);

    /// <summary>How the expectation reads in messages.</summary>
    public abstract string Describe();
}

/// <summary>Exactly this result.</summary>
internal sealed record ExactResult(SourceMark Mark, int Rc) : CallExpectation(Mark)
{
    public override bool Holds(int rc, string? text) => rc == Rc;

    public override string Describe() => ResultText.Of(Rc);
}

/// <summary>One of these results.</summary>
internal sealed record OneOfResults(SourceMark Mark, IReadOnlyList<int> Rcs) : CallExpectation(Mark)
{
    public override bool Holds(int rc, string? text) => Rcs.Contains(rc);

    public override string Describe() => "one of " + string.Join(", ", Rcs.Select(ResultText.Of));
}

/// <summary>Any failure (a negative result).</summary>
internal sealed record AnyFailure(SourceMark Mark) : CallExpectation(Mark)
{
    public override bool Holds(int rc, string? text) => rc < 0;

    public override string Describe() => "a failure";
}

/// <summary>The call never returns (its task died in an oops inside it).</summary>
internal sealed record NeverReturns(SourceMark Mark) : CallExpectation(Mark)
{
    public override bool Holds(int rc, string? text) => false;

    public override string Describe() => "never to return";
}

/// <summary>A read's text: equal to <paramref name="Text"/>, or containing it.</summary>
internal sealed record ReadText(SourceMark Mark, string Text, bool Contains) : CallExpectation(Mark)
{
    public override bool Holds(int rc, string? text) =>
        text is not null && (Contains ? text.Contains(Text, StringComparison.Ordinal) : text == Text);

    public override string Describe() => (Contains ? "text containing " : "text ") + Quote.Of(Text);
}

/// <summary>The expectations checked once a run has ended.</summary>
internal sealed record FinalExpectations
{
    public RunOutcome Outcome { get; init; } = RunOutcome.Quiescent;

    /// <summary>/proc/modules: one entry per line; each must begin the actual line at its position.</summary>
    public (SourceMark Mark, IReadOnlyList<string> Lines)? ProcModules { get; init; }

    /// <summary>The listed modules in /proc/modules order.</summary>
    public (SourceMark Mark, IReadOnlyList<string> Names)? Modules { get; init; }

    /// <summary>Module name to its state name (live, coming, going, unformed, gone).</summary>
    public IReadOnlyList<(SourceMark Mark, string Module, string State)> States { get; init; } = [];

    public IReadOnlyList<(SourceMark Mark, string Module, int Refcnt)> Refcnt { get; init; } = [];

    /// <summary>/sys/module/M/holders: the modules using M, sorted.</summary>
    public IReadOnlyList<(SourceMark Mark, string Module, IReadOnlyList<string> Users)> Holders { get; init; } = [];

    /// <summary>References taken with try_module_get, by holder.</summary>
    public IReadOnlyList<(SourceMark Mark, string Holder, IReadOnlyList<string> Modules)> References { get; init; } = [];

    /// <summary>Taint letters: "kernel" for the kernel's, else a module's.</summary>
    public IReadOnlyList<(SourceMark Mark, string Of, string Letters)> Taints { get; init; } = [];

    public IReadOnlyList<(SourceMark Mark, string Text)> DmesgContains { get; init; } = [];

    public IReadOnlyList<(SourceMark Mark, string Text)> DmesgNotContains { get; init; } = [];

    /// <summary>Fragments that must appear in this order in the log (each after the previous one's line).</summary>
    public (SourceMark Mark, IReadOnlyList<string> Texts)? DmesgOrder { get; init; }

    /// <summary>Counts of log lines containing a fragment.</summary>
    public IReadOnlyList<(SourceMark Mark, string Text, int Count)> DmesgCount { get; init; } = [];

    public IReadOnlyList<(SourceMark Mark, string Counter, long Value)> Stats { get; init; } = [];

    /// <summary>Files under /sys/module read at the end, and their expected text.</summary>
    public IReadOnlyList<(SourceMark Mark, string Path, string Text)> Sysfs { get; init; } = [];
}

/// <summary>How to explore the scenario's interleavings when asked to.</summary>
internal sealed record ExploreSpec
{
    public string Strategy { get; init; } = "pct";

    public long Runs { get; init; } = 200;

    public long Seed { get; init; }

    public int Depth { get; init; } = 2;

    public long MaxSteps { get; init; } = 100_000;
}
