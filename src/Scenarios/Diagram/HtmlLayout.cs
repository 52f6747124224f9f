// Where the HTML race diagram puts things, in CSS pixels: a fixed-height banner, the lane headers (each
// with a solid strip in its own colour), a gutter with step numbers and virtual time, one column per lane,
// a notes column; one row per step, top to bottom in step order, a band wherever virtual time moves on. Fixed sizes
// keep the output byte-for-byte deterministic and let the screenshot test know where each header is.
using System.Globalization;

namespace ModActors.Scenarios.Diagram;

internal sealed class HtmlLayout
{
    public const int BannerHeight = 80;
    public const int HeaderHeight = 48;
    public const int HeaderStrip = 8;
    public const int GutterWidth = 112;
    public const int LaneWidth = 96;
    public const int RowHeight = 24;
    public const int TimeBandHeight = 18;
    public const int NotesWidth = 720;
    public const int BottomPadding = 12;

    /// <summary>Lane header colours, by lane index (repeating after 16 lanes).</summary>
    public static readonly IReadOnlyList<string> Palette =
    [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf",
        "#bcbd22", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd", "#e6550d",
    ];

    private readonly int[] rowTop;
    private readonly long[] stepOfRow;
    private readonly List<(int Y, TimeSpan Time)> timeBands = [];

    public HtmlLayout(RaceModel model)
    {
        Lanes = model.Lanes.Count;
        rowTop = new int[model.Steps.Count];
        stepOfRow = new long[model.Steps.Count];
        var y = 0;
        TimeSpan? time = null;
        for (var r = 0; r < model.Steps.Count; r++)
        {
            var step = model.Steps[r];
            if (step.Time != time)
            {
                time = step.Time;
                timeBands.Add((y, step.Time));
                y += TimeBandHeight;
            }

            rowTop[r] = y;
            stepOfRow[r] = step.Step;
            y += RowHeight;
        }

        Height = Math.Max(y, RowHeight) + BottomPadding;
    }

    public int Lanes { get; }

    public int NotesLeft => GutterWidth + (Lanes * LaneWidth) + 8;

    public int Width => GutterWidth + (Lanes * LaneWidth) + NotesWidth;

    public int Height { get; }

    public IReadOnlyList<(int Y, TimeSpan Time)> TimeBands => timeBands;

    public static string LaneColour(int lane) => Palette[lane % Palette.Count];

    /// <summary>The lane colour mixed with white, for the header's background and the lane line.</summary>
    public static string LaneTint(int lane, double white)
    {
        var hex = LaneColour(lane);
        var rgb = Enumerable.Range(0, 3)
            .Select(i => int.Parse(hex.AsSpan(1 + (2 * i), 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture))
            .Select(c => (int)Math.Round(c + ((255 - c) * white)));
        return "#" + string.Concat(rgb.Select(c => c.ToString("x2", CultureInfo.InvariantCulture)));
    }

    public static int LaneLeft(int lane) => GutterWidth + (lane * LaneWidth);

    public static int LaneCentre(int lane) => LaneLeft(lane) + (LaneWidth / 2);

    public int RowTop(int row) => rowTop[row];

    /// <summary>The y of a row's arrow.</summary>
    public int ArrowY(int row) => rowTop[row] + 16;

    /// <summary>The row that shows <paramref name="step"/>, or -1.</summary>
    public int RowOf(long step) => Math.Max(Array.BinarySearch(stepOfRow, step), -1);

    /// <summary>The row that shows <paramref name="step"/> or, if no row does, the last row before it (-1 if none).</summary>
    public int RowAtOrBefore(long step)
    {
        var row = Array.BinarySearch(stepOfRow, step);
        return row >= 0 ? row : ~row - 1;
    }
}
