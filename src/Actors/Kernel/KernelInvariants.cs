// The module subsystem's invariants, checked on every step of every run (Simulation.AddInvariant):
// a refcount never below zero; no module freed while another uses it, nor while referenced unless
// the unload was forced; a module's state moves only along the kernel's transitions; no two modules of
// one name past UNFORMED; a notifier block told COMING about a module is later told LIVE or GOING
// (unless it vetoed that COMING); nobody is left asleep on module_wq at the end. The module actor and
// the code paths report events here; each check is O(1) per event.
using Akka.Actor;
using ModActors.Runtime;

namespace ModActors.Kernel;

internal sealed class KernelInvariants(KernelState kernel)
{
    private readonly Dictionary<string, int> formedByName = new(StringComparer.Ordinal);
    private readonly Dictionary<(IActorRef Block, string Module), bool> comingOpen = [];
    private readonly List<(IActorRef Block, string Module)> comingOrder = [];

    /// <summary>The first violation seen, or null.</summary>
    public string? Violation { get; private set; }

    public void OnStateChange(ModuleInstance mod, ModuleState from, ModuleState to)
    {
        if (!Allowed(from, to))
            Fail($"{mod}: state {Names.State(from)} -> {Names.State(to)} is not a transition the kernel makes");
        if (from == ModuleState.Unformed && to != ModuleState.Unformed && mod.Listed)
        {
            var n = formedByName[mod.Name] = formedByName.GetValueOrDefault(mod.Name) + 1;
            if (n > 1)
                Fail($"two modules named {mod.Name} are past UNFORMED at once");
        }
        else if (from != ModuleState.Unformed && to == ModuleState.Unformed && mod.Listed)
        {
            formedByName[mod.Name]--;
        }
    }

    public void OnUnlisted(ModuleInstance mod)
    {
        if (mod.State != ModuleState.Unformed)
            formedByName[mod.Name]--;
    }

    public void OnRefcnt(ModuleInstance mod)
    {
        if (mod.Refcnt < 0)
            Fail($"{mod}: refcnt {mod.Refcnt} below zero");
    }

    public void OnFree(ModuleInstance mod)
    {
        if (mod.SourceList.Count > 0)
            Fail($"{mod} freed while used by {string.Join(",", mod.SourceList.Select(m => m.Name))}");
        if (mod.module_refcount() > 0 && !mod.Forced)
            Fail($"{mod} freed with {mod.module_refcount()} references held, without a forced unload");
    }

    public void OnNotified(IActorRef block, ModuleState ev, string module)
    {
        var key = (block, module);
        if (ev == ModuleState.Coming)
        {
            comingOpen[key] = true;
            comingOrder.Add(key);
        }
        else if (ev is ModuleState.Live or ModuleState.Going)
        {
            comingOpen.Remove(key);
        }
    }

    public void OnVeto(IActorRef block, string module) => comingOpen.Remove((block, module));

    /// <summary>The per-step check.</summary>
    public string? Check() => Violation;

    /// <summary>The checks that only make sense once the run is over.</summary>
    public string? CheckAtEnd(Func<IActorRef, bool> blockAlive)
    {
        if (Violation is not null)
            return Violation;
        foreach (var key in comingOrder)
        {
            if (comingOpen.ContainsKey(key) && blockAlive(key.Block))
                return $"notifier {key.Block.Path.Name} was told {key.Module} is COMING and never LIVE or GOING";
        }
        return null;
    }

    private static bool Allowed(ModuleState from, ModuleState to) => (from, to) switch
    {
        (ModuleState.Unformed, ModuleState.Coming) => true,
        (ModuleState.Coming, ModuleState.Live) => true,
        (ModuleState.Coming, ModuleState.Going) => true,
        (ModuleState.Live, ModuleState.Going) => true,
        (ModuleState.Going, ModuleState.Going) => true,
        (ModuleState.Going, ModuleState.Unformed) => true,
        _ => false,
    };

    private void Fail(string text) => Violation ??= $"{text} (t={kernel.System.Now.TotalMilliseconds}ms)";
}
