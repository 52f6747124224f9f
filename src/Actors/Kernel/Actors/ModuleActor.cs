// One struct module as an actor: it performs every store and atomic operation on its ModuleInstance,
// so each is a scheduling point, as on a real SMP machine where another CPU may run between them:
// the state stores of complete_formation/do_init_module/try_stop_module/free_module, and the refcnt
// atomics of __module_get, try_module_get, module_put and try_release_module_ref's atomic_sub_return
// and atomic_add_unless. It checks the state machine UNFORMED -> COMING -> LIVE -> GOING -> UNFORMED
// on every transition.
using Akka.Actor;
using ModActors.Elf;
using ModActors.Runtime;

namespace ModActors.Kernel.Actors;

/// <summary>mod->state = To.</summary>
internal sealed record SetModuleState(ModuleState To);

/// <summary>__module_get(): atomic_inc(&amp;mod->refcnt). Answered with the new refcnt.</summary>
internal sealed record ModuleGet;

/// <summary>try_module_get(): module_is_live() (state != GOING) &amp;&amp; atomic_inc_not_zero(). Answered with true or false.</summary>
internal sealed record TryModuleGet;

/// <summary>module_put(): atomic_dec_if_positive(), WARN_ON on a negative result. Answered with that result.</summary>
internal sealed record ModulePut;

/// <summary>atomic_sub_return(Value, &amp;mod->refcnt). Answered with the new refcnt.</summary>
internal sealed record RefcntSubReturn(int Value);

/// <summary>atomic_add_unless(&amp;mod->refcnt, Value, Unless). Answered with true when it added.</summary>
internal sealed record RefcntAddUnless(int Value, int Unless);

/// <summary>add_module_usage(Source, this): Source goes on this module's source_list.</summary>
internal sealed record AddModuleUsage(ModuleInstance Source);

/// <summary>module_unload_free(Source): Source leaves this module's source_list.</summary>
internal sealed record RemoveModuleUsage(ModuleInstance Source);

/// <summary>add_taint_module(mod, Flag): sets the flag in mod->taints and in the kernel's tainted_mask.</summary>
internal sealed record AddTaintModule(TaintFlag Flag, LockdepOk Lockdep);

/// <summary>mod_sysfs_setup (true) or mod_sysfs_teardown (false).</summary>
internal sealed record SetSysfs(bool Registered);

/// <summary>
/// do_init_module under module_mutex after the initial reference is dropped: kallsyms switched to the core table,
/// module_enable_rodata_ro(mod, true), and "for_class_mod_mem_type(type, init) base = NULL, size = 0".
/// </summary>
internal sealed record FreeInitMemory;

/// <summary>The answer to a store: done.</summary>
internal sealed record Done
{
    public static Done Instance { get; } = new();
}

/// <summary>The actor that owns one <see cref="ModuleInstance"/>.</summary>
internal sealed class ModuleActor : ReceiveActor
{
    public ModuleActor(KernelState kernel, ModuleInstance mod)
    {
        Receive<SetModuleState>(m =>
        {
            var from = mod.State;
            kernel.Invariants.OnStateChange(mod, from, m.To);
            mod.State = m.To;
            if (from != m.To)
            {
                Context.Annotate($"{mod} {Names.State(from)} -> {Names.State(m.To)}");
                kernel.PointRegistry.StateReached(mod.Name, m.To, Self);
            }
            Sender.Tell(Done.Instance, Self);
        });
        Receive<ModuleGet>(_ =>
        {
            mod.Refcnt++;
            Context.Annotate($"{mod} refcnt {mod.Refcnt}");
            Sender.Tell(mod.Refcnt, Self);
        });
        Receive<TryModuleGet>(_ =>
        {
            var ok = mod.State != ModuleState.Going && mod.Refcnt != 0;
            if (ok)
                mod.Refcnt++;
            Context.Annotate($"{mod} try_module_get {(ok ? "ok" : "failed")} refcnt {mod.Refcnt}");
            Sender.Tell(ok, Self);
        });
        Receive<ModulePut>(_ =>
        {
            var ret = mod.Refcnt - 1;
            if (ret >= 0)
                mod.Refcnt = ret;
            else
                kernel.Log.pr_warn($"WARNING: module_put {mod.Name}: refcount underflow");
            Context.Annotate($"{mod} refcnt {mod.Refcnt}");
            Sender.Tell(ret, Self);
        });
        Receive<RefcntSubReturn>(m =>
        {
            mod.Refcnt -= m.Value;
            kernel.Invariants.OnRefcnt(mod);
            Context.Annotate($"{mod} refcnt {mod.Refcnt}");
            Sender.Tell(mod.Refcnt, Self);
        });
        Receive<RefcntAddUnless>(m =>
        {
            var added = mod.Refcnt != m.Unless;
            if (added)
                mod.Refcnt += m.Value;
            Context.Annotate($"{mod} refcnt {mod.Refcnt}");
            Sender.Tell(added, Self);
        });
        Receive<AddModuleUsage>(m =>
        {
            mod.SourceList.Insert(0, m.Source);
            Sender.Tell(Done.Instance, Self);
        });
        Receive<RemoveModuleUsage>(m =>
        {
            mod.SourceList.Remove(m.Source);
            Sender.Tell(Done.Instance, Self);
        });
        Receive<AddTaintModule>(m =>
        {
            mod.Taints = kernel.Taint.add_taint_module(mod.Taints, m.Flag, m.Lockdep, kernel.Log);
            Sender.Tell(Done.Instance, Self);
        });
        Receive<SetSysfs>(m =>
        {
            mod.SysfsRegistered = m.Registered;
            Sender.Tell(Done.Instance, Self);
        });
        Receive<FreeInitMemory>(_ =>
        {
            Kernel.Kallsyms.switch_to_core_kallsyms(mod);
            StrictRwx.module_enable_rodata_ro(kernel.Config, mod, afterInit: true);
            foreach (var m in mod.Mem)
            {
                if (m.Type is ModMemType.InitText or ModMemType.InitData or ModMemType.InitRodata)
                {
                    m.Allocated = false;
                    m.Base = 0;
                    m.Size = 0;
                }
            }
            Sender.Tell(Done.Instance, Self);
        });
    }
}
