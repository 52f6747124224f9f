// The module notifier chain calls of main.c: blocking_notifier_call_chain (LIVE, GOING) and
// blocking_notifier_call_chain_robust (COMING, rolling back with GOING to the blocks already called
// when one vetoes), with notifier_call_chain's loop (kernel/notifier.c): call blocks in priority order,
// stop at the first NOTIFY_STOP_MASK. The chain's rwsem is held for reading around the calls.
using ModActors.Kernel.Actors;

namespace ModActors.Kernel.Main;

internal static class ModuleNotify
{
    /// <summary>blocking_notifier_call_chain(&amp;module_notify_list, val, mod).</summary>
    public static async Task<int> blocking_notifier_call_chain(KTask t, ModuleState val, ModuleInstance mod)
    {
        if (!ModuleNotifierChain.HasBlocks(t.Kernel))
            return NotifierBlock.NOTIFY_DONE;
        var chain = await down_read(t);
        var (ret, _) = await notifier_call_chain(t, chain.Blocks, val, mod, -1);
        t.Tell(t.Kernel.Notifiers, new ChainUpRead(t.Name));
        return ret;
    }

    /// <summary>blocking_notifier_call_chain_robust(&amp;module_notify_list, val_up, val_down, mod).</summary>
    public static async Task<int> blocking_notifier_call_chain_robust(KTask t, ModuleState up, ModuleState down, ModuleInstance mod)
    {
        if (!ModuleNotifierChain.HasBlocks(t.Kernel))
            return NotifierBlock.NOTIFY_DONE;
        var chain = await down_read(t);
        var (ret, nr) = await notifier_call_chain(t, chain.Blocks, up, mod, -1);
        if ((ret & NotifierBlock.NOTIFY_STOP_MASK) != 0)
            await notifier_call_chain(t, chain.Blocks, down, mod, nr - 1);
        t.Tell(t.Kernel.Notifiers, new ChainUpRead(t.Name));
        return ret;
    }

    private static async Task<ChainSnapshot> down_read(KTask t)
    {
        using var wait = t.Wait("module_notify_list rwsem");
        return await t.Call<ChainSnapshot>(t.Kernel.Notifiers, new ChainDownRead(t.Name));
    }

    private static async Task<(int Ret, int NrCalls)> notifier_call_chain(KTask t, IReadOnlyList<NotifierEntry> blocks,
        ModuleState val, ModuleInstance mod, int nrToCall)
    {
        var ret = NotifierBlock.NOTIFY_DONE;
        var nrCalls = 0;
        foreach (var nb in blocks)
        {
            if (nrToCall == 0)
                break;
            ret = await t.Call<int>(nb.Block, new ModuleNotification(val, mod.Name, t.Pid));
            nrCalls++;
            if ((ret & NotifierBlock.NOTIFY_STOP_MASK) != 0)
                break;
            nrToCall--;
        }
        return (ret, nrCalls);
    }
}
