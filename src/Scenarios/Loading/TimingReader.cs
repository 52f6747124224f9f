// The `kernel: { timing: ... }` key: a timing profile by name (`timing: qemu-tcg`), or a profile with
// per-stage overrides (`timing: { profile: qemu-tcg, do_init_module: [5ms, 10ms], free_module: 3ms,
// msleep_overrun: [0, 2] }`): a stage's duration is fixed or a [min, max] range the strategies choose in.
using ModActors.Kernel;
using YamlDotNet.RepresentationModel;

namespace ModActors.Scenarios;

internal static class TimingReader
{
    private const string ProfileNames = "instant or qemu-tcg";

    public static TimingProfile? Read(YamlReader y, YamlNode node)
    {
        if (node is YamlScalarNode)
            return Named(y, node);
        if (y.Mapping(node, "timing") is not { } map)
            return null;
        var allowed = TimingProfile.Stages.Concat(["profile", "msleep_overrun"]).ToList();
        var profile = TimingProfile.QemuTcg;
        var overrides = new Dictionary<string, StageRange>();
        StageRange? overrun = null;
        foreach (var (key, _, v) in y.Entries(map, "timing", allowed))
        {
            switch (key)
            {
                case "profile":
                    profile = Named(y, v) ?? profile;
                    break;
                case "msleep_overrun":
                    overrun = Range(y, v, "msleep_overrun", percent: true);
                    break;
                default:
                    if (Range(y, v, key, percent: false) is { } r)
                        overrides[key] = r;
                    break;
            }
        }
        return profile.With(overrides, overrun);
    }

    private static TimingProfile? Named(YamlReader y, YamlNode node)
    {
        var name = y.Scalar(node, "timing", ProfileNames);
        if (name is null)
            return null;
        if (TimingProfile.Named(name) is { } p)
            return p;
        y.Error(node, $"timing profile '{name}' is unknown", ProfileNames);
        return null;
    }

    private static StageRange? Range(YamlReader y, YamlNode node, string what, bool percent)
    {
        var expected = percent ? "a percentage or [min, max]" : "a duration or [min, max] such as [5ms, 20ms]";
        var items = node is YamlSequenceNode s ? s.Children.ToList() : [node];
        if (items.Count is not (1 or 2))
        {
            y.Error(node, $"{what} has {items.Count} values", expected);
            return null;
        }
        var values = items.Select(i => percent ? y.Int(i, what, 0) : y.Duration(i, what)).ToList();
        if (values.Any(v => v is null))
            return null;
        var (min, max) = (values[0]!.Value, values[^1]!.Value);
        if (min < 0 || max < min)
        {
            y.Error(node, $"{what} is [{min}, {max}], not a range", expected);
            return null;
        }
        return new StageRange(min, max);
    }
}
