// One problem found in a scenario file, printed as FILE:LINE:COL: message (expected ...), the form
// compilers use, so editors can jump to it.
namespace ModActors.Scenarios;

internal sealed record ScenarioError(SourceMark Mark, string Message, string? Expected = null)
{
    public override string ToString() => Expected is null ? $"{Mark}: {Message}" : $"{Mark}: {Message} (expected {Expected})";
}
