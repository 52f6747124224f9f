// Opt-in: renders the Mermaid diagram with the real Mermaid (mermaid-cli's mmdc, which drives Chromium).
// Set MODACTORS_MMDC to an mmdc executable, e.g. after
//   PUPPETEER_SKIP_DOWNLOAD=1 npm install --prefix /opt/mmdc @mermaid-js/mermaid-cli
// export MODACTORS_MMDC=/opt/mmdc/node_modules/.bin/mmdc; it uses /usr/bin/chromium, not a downloaded one.
using System.Diagnostics;
using ModActors.Scenarios.Diagram;
using Xunit;

namespace ModActors.Scenarios.Tests.Diagram;

/// <summary>A fact that needs mermaid-cli: skipped unless MODACTORS_MMDC names an mmdc executable and Chromium is installed.</summary>
internal sealed class MermaidCliFactAttribute : FactAttribute
{
    public MermaidCliFactAttribute()
    {
        var mmdc = Environment.GetEnvironmentVariable("MODACTORS_MMDC");
        if (string.IsNullOrEmpty(mmdc) || !File.Exists(mmdc))
            Skip = "opt-in Mermaid rendering test: set MODACTORS_MMDC to mermaid-cli's mmdc executable";
        else if (!HeadlessChromium.Available)
            Skip = HeadlessChromium.MissingReason;
    }
}

public sealed class MermaidCliTests : IDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("modactors-mmdc-");

    public void Dispose() => dir.Delete(recursive: true);

    private (int Code, string Output) Render(string mmdPath, string svgPath)
    {
        var config = Path.Combine(dir.FullName, "puppeteer.json");
        File.WriteAllText(config, $$"""{ "executablePath": "{{HeadlessChromium.Executable}}", "args": ["--no-sandbox", "--disable-gpu"] }""");
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("MODACTORS_MMDC")!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in (string[])["-p", config, "-i", mmdPath, "-o", svgPath])
            info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(180)))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Assert.Fail("mmdc did not finish within 180s and was killed");
        }

        process.WaitForExit();
        return (process.ExitCode, stdout.GetAwaiter().GetResult() + stderr.GetAwaiter().GetResult());
    }

    [MermaidCliFact]
    public void Mermaid_parses_and_renders_the_race_diagrams()
    {
        foreach (var (name, run) in new[]
                 {
                     ("load-unload", RaceRuns.LoadUnloadRace()),
                     ("failing", RaceRuns.FailingAtExit(RaceRuns.SlowLoaders(), "b")),
                     ("odd-names", RaceRuns.OddNames()),
                     ("never-resumed", RaceRuns.NeverResumed()),
                 })
        {
            var mmd = Path.Combine(dir.FullName, name + ".mmd");
            var svg = Path.Combine(dir.FullName, name + ".svg");
            RaceDiagram.WriteFile(mmd, run.Trace, run.Summary);

            var (code, output) = Render(mmd, svg);

            Assert.True(code == 0, $"mmdc rejected {name}.mmd (exit {code}):\n{output}");
            var text = File.ReadAllText(svg);
            Assert.DoesNotContain("Syntax error", text, StringComparison.Ordinal);
            Assert.Contains("module_mutex", text, StringComparison.Ordinal);
        }
    }

    [MermaidCliFact]
    public void Mermaid_rejects_a_broken_diagram_so_the_test_above_can_fail()
    {
        var mmd = Path.Combine(dir.FullName, "broken.mmd");
        File.WriteAllText(mmd, "sequenceDiagram\n    participant P0 as a\n    P0->>: no target\n");

        var (code, _) = Render(mmd, Path.Combine(dir.FullName, "broken.svg"));

        Assert.NotEqual(0, code);
    }
}
