// What modprobe knows: /lib/modules/$(uname -r) as modules.dep describes it — for each module name the
// file to load and the modules it depends on. request_module() and the scenario's modprobe steps use it.
namespace ModActors.Kernel;

/// <summary>modprobe's view of the installed modules.</summary>
public sealed class ModuleRepository
{
    private readonly Dictionary<string, (string Path, IReadOnlyList<string> Depends)> entries = new(StringComparer.Ordinal);

    /// <summary>Installs module <paramref name="name"/> at <paramref name="path"/> with its depends=.</summary>
    public void Install(string name, string path, IReadOnlyList<string> depends)
    {
        ArgumentNullException.ThrowIfNull(name);
        entries[Normalize(name)] = (path, depends);
    }

    /// <summary>The installed module of that name ('-' and '_' are the same), or null.</summary>
    public (string Path, IReadOnlyList<string> Depends)? Find(string name) =>
        entries.TryGetValue(Normalize(name), out var e) ? e : null;

    private static string Normalize(string name) => name.Replace('-', '_');
}
