// Debian's chromium run headless on a local file, for the diagram tests: a screenshot at a fixed window size,
// or the DOM after the page loaded. No network (every background service is off), a throw-away profile, and a
// bound on how long Chromium may take, after which it is killed and the test fails saying so.
using System.Diagnostics;
using Xunit;

namespace ModActors.Scenarios.Tests.Diagram;

internal static class HeadlessChromium
{
    public const string Executable = "/usr/bin/chromium";

    public const string MissingReason =
        "headless Chromium test: /usr/bin/chromium is missing (install Debian's chromium: apt-get install -y --no-install-recommends chromium)";

    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    public static bool Available => File.Exists(Executable);

    /// <summary>A PNG screenshot of <paramref name="page"/> in a window of the given size.</summary>
    public static byte[] Screenshot(string page, int width, int height)
    {
        var dir = Directory.CreateTempSubdirectory("modactors-shot-");
        try
        {
            var png = Path.Combine(dir.FullName, "shot.png");
            var (code, _, stderr) = Run(dir.FullName, ["--screenshot=" + png, $"--window-size={width},{height}", new Uri(page).AbsoluteUri]);
            if (code != 0 || !File.Exists(png))
                throw new InvalidOperationException($"chromium --screenshot exited {code} without a PNG:\n{stderr}");
            return File.ReadAllBytes(png);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>The page's DOM as Chromium built it.</summary>
    public static string DumpDom(string page)
    {
        var dir = Directory.CreateTempSubdirectory("modactors-dom-");
        try
        {
            var (code, stdout, stderr) = Run(dir.FullName, ["--dump-dom", new Uri(page).AbsoluteUri]);
            if (code != 0)
                throw new InvalidOperationException($"chromium --dump-dom exited {code}:\n{stderr}");
            return stdout;
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static (int Code, string Stdout, string Stderr) Run(string scratch, IReadOnlyList<string> args)
    {
        var info = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--user-data-dir=" + Path.Combine(scratch, "profile")])
            info.ArgumentList.Add(a);
        foreach (var a in args)
            info.ArgumentList.Add(a);

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + Executable);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"chromium did not finish within {Limit.TotalSeconds}s and was killed");
        }

        process.WaitForExit();
        return (process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }
}

/// <summary>A fact that needs headless Chromium: skipped, saying why, when /usr/bin/chromium is missing.</summary>
internal sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!HeadlessChromium.Available)
            Skip = HeadlessChromium.MissingReason;
    }
}
