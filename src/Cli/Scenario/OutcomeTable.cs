// The outcome table of an exploration drawn with Spectre.Console when the output is a terminal; the
// plain lines of TextReport everywhere else (pipes, files, tests), so scripts always read the same text.
using ModActors.Scenarios;
using Spectre.Console;

namespace ModActors.Cli.Commands;

internal static class OutcomeTable
{
    /// <summary>Whether <paramref name="output"/> is the terminal itself.</summary>
    public static bool IsTerminal(TextWriter output) => ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;

    public static void Print(ModActors.Scenarios.Scenario sc, ExploreResult x, TextWriter output)
    {
        var lines = TextReport.Explore(sc, x).ToList();
        if (!IsTerminal(output))
        {
            ScenarioCommandLine.Print(output, lines);
            return;
        }
        output.WriteLine(lines[0]);
        output.WriteLine(lines[1]);
        var dfs = x.Settings.Strategy == "dfs";
        var table = new Table().AddColumn(new TableColumn("runs").RightAligned()).AddColumn(new TableColumn(dfs ? "schedule" : "seed").RightAligned())
            .AddColumn("verdict").AddColumn("outcome");
        foreach (var o in x.Report.Outcomes)
        {
            table.AddRow(
                new Text(o.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Text((dfs ? o.First.Index : o.First.Seed).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Text(o.Passed ? "pass" : "FAIL", new Style(o.Passed ? Color.Green : Color.Red)),
                new Text(o.Key));
        }
        AnsiConsole.Write(table);
        foreach (var line in lines.Skip(3 + x.Report.Outcomes.Count))
            output.WriteLine(line);
    }
}
