// What one step touches, for partial-order reduction: the resources a step reads or writes. The
// runtime declares the ones it knows (the step's own actor, every actor it sends to or resumes, the
// timer queue, actor creation); kernel code declares the shared data it reads and writes outside its
// own actor with Footprint.Read/Write (module_mutex, the modules list, a struct module's fields, the
// log). A mailbox is a FIFO: a send writes its tail and its n-th message, the receiver's step reads the
// message it takes, so sending to an actor commutes with that actor receiving an earlier message (an
// actor that unstashed falls back to reading the whole mailbox). Two steps are dependent when they share a resource and one of them writes it, or when they are
// steps of the same actor. Recording is on only while a dependency-aware strategy (dpor) runs.
namespace ModActors.Runtime;

/// <summary>One resource a step touched.</summary>
/// <param name="Resource">
/// The resource's key, compared with Equals. Keys must name the same thing in every run that shares a
/// prefix of steps (the search compares footprints recorded in different runs): an actor's number, a
/// string such as "module_mutex", a tuple such as ("module", name, load number) — never an object of one run.
/// </param>
/// <param name="Write">Whether the step wrote it (reads of one resource commute).</param>
public readonly record struct Access(object Resource, bool Write);

/// <summary>A mailbox resource: the tail of actor <paramref name="Actor"/>'s mailbox (Message -1) or its n-th message.</summary>
internal readonly record struct MailKey(int Actor, long Message);

/// <summary>Declares what the running step touches; no-ops unless a dependency-aware strategy records.</summary>
public static class Footprint
{
    [ThreadStatic]
    private static FootprintRecorder? current;

    /// <summary>The step in progress reads <paramref name="resource"/>.</summary>
    public static void Read(object resource) => current?.Add(resource, false);

    /// <summary>The step in progress writes <paramref name="resource"/>.</summary>
    public static void Write(object resource) => current?.Add(resource, true);

    /// <summary>Installs <paramref name="recorder"/> for this thread; returns the previous one.</summary>
    internal static FootprintRecorder? Enter(FootprintRecorder? recorder)
    {
        var outer = current;
        current = recorder;
        return outer;
    }

    internal static void Exit(FootprintRecorder? outer) => current = outer;

    /// <summary>Whether two footprints conflict: a shared resource that one of them writes.</summary>
    public static bool Dependent(Access[] a, Access[] b)
    {
        foreach (var x in a)
        {
            foreach (var y in b)
            {
                if ((x.Write || y.Write) && x.Resource.Equals(y.Resource))
                {
                    return true;
                }
            }
        }

        return false;
    }
}

/// <summary>Collects the accesses of the step in progress; the strategy takes them before the next choice.</summary>
public sealed class FootprintRecorder
{
    private readonly List<Access> pending = [];
    private readonly Dictionary<int, (long Sent, long Received)> mail = [];
    private readonly HashSet<int> unstashed = [];
    private bool inStep;
    private Access[] completed = [];
    private bool barrier;

    internal void BeginStep(int actor)
    {
        pending.Clear();
        inStep = true;
        pending.Add(new Access(actor, true));
    }

    internal void EndStep()
    {
        inStep = false;
        completed = [.. pending];
    }

    /// <summary>A message is appended to <paramref name="actor"/>'s mailbox (counted outside steps too: by the setup or a timer).</summary>
    internal void Send(int actor)
    {
        var (sent, received) = mail.GetValueOrDefault(actor);
        mail[actor] = (sent + 1, received);
        Add(new MailKey(actor, -1), true);
        Add(new MailKey(actor, sent), true);
    }

    /// <summary>The step's actor takes the next message of its mailbox.</summary>
    internal void Receive(int actor)
    {
        var (sent, received) = mail.GetValueOrDefault(actor);
        mail[actor] = (sent, received + 1);
        Add(unstashed.Contains(actor) ? new MailKey(actor, -1) : new MailKey(actor, received), false);
    }

    /// <summary>The actor put stashed messages back at the front of its mailbox: its receipts no longer match sends one to one.</summary>
    internal void Unstash(int actor) => unstashed.Add(actor);

    /// <summary>Virtual time advanced (every enabled actor had finished): a barrier ordering all steps before it before all after it.</summary>
    internal void Barrier() => barrier = true;

    internal void Add(object resource, bool write)
    {
        if (!inStep)
        {
            return;
        }

        for (var i = 0; i < pending.Count; i++)
        {
            if (pending[i].Resource.Equals(resource))
            {
                if (write && !pending[i].Write)
                {
                    pending[i] = new Access(resource, true);
                }

                return;
            }
        }

        pending.Add(new Access(resource, write));
    }

    /// <summary>The accesses of the last completed step.</summary>
    public Access[] TakeStep()
    {
        var step = completed;
        completed = [];
        return step;
    }

    /// <summary>Whether time advanced since the last call.</summary>
    public bool TakeBarrier()
    {
        var b = barrier;
        barrier = false;
        return b;
    }

    internal void Reset()
    {
        pending.Clear();
        mail.Clear();
        unstashed.Clear();
        inStep = false;
        completed = [];
        barrier = false;
    }
}
