// The user-space modprobe that request_module starts and that a scenario may run: it loads the module's
// dependencies (modules.dep order, deepest first) and then the module, each with finit_module, skipping
// what is already live and treating -EEXIST as loaded, as kmod does. Exit code 0 on success, 1 otherwise.
namespace ModActors.Kernel.Main;

internal static class Modprobe
{
    public static async Task<int> modprobe(KTask t, string name)
    {
        var k = t.Kernel;
        t.Point("modprobe");
        if (k.Repository.Find(name) is null)
            return 1;
        foreach (var dep in LoadOrder(k.Repository, name))
        {
            var live = k.find_module_all_rcu(dep.Replace('-', '_'), evenUnformed: false);
            if (live is { State: ModuleState.Live })
                continue;
            var entry = k.Repository.Find(dep)!.Value;
            var ret = await FinitModule.finit_module(t, k.Files.Find(entry.Path), "", 0);
            if (ret != 0 && ret != -Errno.EEXIST)
                return 1;
        }
        return 0;
    }

    /// <summary>The module's dependencies, deepest first, then the module itself; each once.</summary>
    private static List<string> LoadOrder(ModuleRepository repo, string name)
    {
        var order = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Visit(name);
        return order;

        void Visit(string n)
        {
            if (!seen.Add(n) || repo.Find(n) is not { } e)
                return;
            foreach (var d in e.Depends)
                Visit(d);
            order.Add(n);
        }
    }
}
