// Runs a module's init or exit function as the scenario describes it (Definitions/ModuleBehaviour.cs), in
// the calling task's context: msleep on virtual time, pr_info lines, request_module, try_module_get /
// module_put on other modules, register_module_notifier / unregister_module_notifier, klp_enable_patch. Returns the
// function's return value.
using Akka.Actor;
using ModActors.Runtime;
using System.Globalization;
using ModActors.Kernel.Actors;

namespace ModActors.Kernel.Main;

internal static class ModuleCode
{
    public static async Task<long> Run(KTask t, ModuleInstance mod, ModuleBehaviour behaviour)
    {
        var k = t.Kernel;
        long ret = 0;
        foreach (var action in behaviour.Actions)
        {
            switch (action)
            {
                case SleepAction s:
                    await t.msleep_overrun(Value(mod, s.Milliseconds));
                    break;
                case LogAction l:
                    k.Log.pr_info($"{mod.Name}: {Expand(t, mod, l.Text)}");
                    break;
                case RequestModuleAction r:
                    await Kmod.request_module(t, r.Name);
                    break;
                case GetAction g:
                    await Get(t, mod, g.Module);
                    break;
                case PutAction p:
                    await Put(t, mod, p.Module);
                    break;
                case RegisterNotifierAction n:
                    await Register(t, mod, n);
                    break;
                case UnregisterNotifierAction:
                    if (mod.Notifier is { } entry)
                    {
                        await t.Call<int>(k.Notifiers, new ChainUnregister(entry.Id, t.Name));
                        mod.Notifier = null;
                    }
                    break;
                case KlpEnablePatchAction klp:
                    var err = await Livepatch.klp_enable_patch(t, mod, [.. klp.Objects.Select(o =>
                        new KlpObject(o.Module, [.. o.Funcs.Select(f => f.StartsWith('$') ? mod.Kp.param_get(f[1..]).TrimEnd('\n') : f)]))]);
                    if (err != 0)
                        return err;
                    break;
                case ReturnAction r:
                    ret = Value(mod, r.Value);
                    break;
            }
        }
        return ret;
    }

    /// <summary>The value of a constant or of one of the module's parameters.</summary>
    public static long Value(ModuleInstance mod, IntOrParam v)
    {
        if (v.Param is null)
            return v.Constant;
        var text = mod.Kp.param_get(v.Param).TrimEnd('\n');
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
    }

    private static string Expand(KTask t, ModuleInstance mod, string text)
    {
        text = text.Replace("{pid}", t.Pid.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        foreach (var p in mod.Kp.Table)
            text = text.Replace("{" + p.Name + "}", mod.Kp.param_get(p.Name).TrimEnd('\n'), StringComparison.Ordinal);
        return text;
    }

    private static async Task Get(KTask t, ModuleInstance mod, string name)
    {
        if (t.Kernel.find_module_all_rcu(name, evenUnformed: false) is { } target
            && await t.Call<bool>(target.Actor, new TryModuleGet()))
            mod.HeldRefs.Add(target);
    }

    private static async Task Put(KTask t, ModuleInstance mod, string name)
    {
        var target = mod.HeldRefs.Find(m => m.Name == name);
        if (target is null)
            return;
        mod.HeldRefs.Remove(target);
        await t.Call<int>(target.Actor, new ModulePut());
    }

    private static async Task Register(KTask t, ModuleInstance mod, RegisterNotifierAction spec)
    {
        var k = t.Kernel;
        var id = k.NextId();
        Func<string, bool>? vetoes = spec.VetoParam is { } p ? name => SysfsWrite.sysfs_streq(SysfsWrite.ParamValue(mod, p), name) : null;
        var block = t.Kernel.System.ActorOf(Props.Create(() => new NotifierBlock(k, mod.Name, spec, vetoes)),
            $"notifier-{mod.Name}-{id}");
        var entry = new NotifierEntry(block, spec.Priority, mod.Name, id);
        if (await t.Call<int>(k.Notifiers, new ChainRegister(entry, t.Name)) == 0)
            mod.Notifier = entry;
    }
}
