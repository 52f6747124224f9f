// kmod's modinfo output (tools/modinfo.c modinfo_do / modinfo_params_do): "filename:" first, each
// field as "key:" padded to 16 columns, parm= and parmtype= folded into one "parm:" line per
// parameter (newest first, as kmod prepends them to its list), "-F field" printing bare values; and
// the same data as JSON for scripts.
using System.Text;
using System.Text.Json;

namespace ModActors.Elf;

/// <summary>Formats <see cref="KmodModinfo"/> fields as kmod's modinfo prints them.</summary>
public static class KmodModinfoFormat
{
    private sealed record Param(string Name, string? Description, string? Type);

    /// <summary>The text kmod's modinfo writes to stdout for a module at <paramref name="filename"/>.</summary>
    /// <param name="filename">The path printed on the filename: line.</param>
    /// <param name="fields">The module's fields.</param>
    /// <param name="field">kmod's -F: print only this field's values; null prints everything.</param>
    public static string Text(string filename, IReadOnlyList<KeyValuePair<string, string>> fields, string? field = null)
    {
        var sb = new StringBuilder();
        if (field == "filename")
            return filename + "\n";
        if (field is null)
            sb.Append(Key("filename")).Append(filename).Append('\n');
        if (field == "parm")
        {
            foreach (var p in Params(fields))
                sb.Append(p.Description is null ? $"{p.Name}: ({p.Type})" : p.Type is not null ? $"{p.Name}:{p.Description} ({p.Type})" : $"{p.Name}:{p.Description}").Append('\n');
            return sb.ToString();
        }
        foreach (var (key, value) in fields)
        {
            if (field is not null)
            {
                if (key == field)
                    sb.Append(value).Append('\n');
                continue;
            }
            if (key is "parm" or "parmtype")
                continue;
            sb.Append(Key(key)).Append(value).Append('\n');
        }
        if (field is null)
        {
            foreach (var p in Params(fields))
                sb.Append(Key("parm")).Append(p.Description is null ? $"{p.Name}:{p.Type}" : p.Type is not null ? $"{p.Name}:{p.Description} ({p.Type})" : $"{p.Name}:{p.Description}").Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>The same information as JSON: filename, fields in order (parm/parmtype included) and parameters.</summary>
    public static string Json(string filename, IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("filename", filename);
            w.WriteStartArray("fields");
            foreach (var (key, value) in fields)
            {
                w.WriteStartObject();
                w.WriteString("key", key);
                w.WriteString("value", value);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("parameters");
            foreach (var p in Params(fields))
            {
                w.WriteStartObject();
                w.WriteString("name", p.Name);
                w.WriteString("description", p.Description);
                w.WriteString("type", p.Type);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// "%s:%-*s" with width 15 - strlen(key): a negative width left-justifies, so the padding is |15 - len|.
    private static string Key(string key) => key + ":" + new string(' ', Math.Abs(15 - key.Length));

    /// modinfo's add_param list: one entry per name, prepended at first sight, later values overriding.
    private static List<Param> Params(IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        var list = new List<Param>();
        foreach (var (key, value) in fields)
        {
            if (key is not ("parm" or "parmtype"))
                continue;
            var colon = value.IndexOf(':');
            if (colon < 0)
                continue;
            var name = value[..colon];
            var rest = value[(colon + 1)..];
            var i = list.FindIndex(p => p.Name == name);
            if (i < 0)
            {
                list.Insert(0, new Param(name, null, null));
                i = 0;
            }
            list[i] = key == "parm" ? list[i] with { Description = rest } : list[i] with { Type = rest };
        }
        return list;
    }
}
