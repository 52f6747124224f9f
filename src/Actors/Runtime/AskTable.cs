// The asks in flight of one simulation, in the order they were made (which is id order, the order a
// deadlock report lists them in). Each ask is linked twice: into the list of all asks and into its
// asker's own list, so answering an ask and stopping an asker cost O(1) per ask instead of a walk over
// every ask in flight (a sorted dictionary of all asks did that walk on every actor stop).
namespace ModActors.Runtime;

internal sealed class AskTable
{
    private PendingAsk? first;
    private PendingAsk? last;

    public int Count { get; private set; }

    public void Add(PendingAsk ask)
    {
        ask.InFlight = true;
        ask.Previous = last;
        if (last == null)
        {
            first = ask;
        }
        else
        {
            last.Next = ask;
        }

        last = ask;
        Count++;
        if (ask.Asker is { } asker)
        {
            ask.AskerPrevious = asker.LastAsk;
            if (asker.LastAsk == null)
            {
                asker.FirstAsk = ask;
            }
            else
            {
                asker.LastAsk.AskerNext = ask;
            }

            asker.LastAsk = ask;
        }
    }

    /// <summary>Takes the ask out of the table; false if it was no longer in flight.</summary>
    public bool Remove(PendingAsk ask)
    {
        if (!ask.InFlight)
        {
            return false;
        }

        ask.InFlight = false;
        if (ask.Previous == null)
        {
            first = ask.Next;
        }
        else
        {
            ask.Previous.Next = ask.Next;
        }

        if (ask.Next == null)
        {
            last = ask.Previous;
        }
        else
        {
            ask.Next.Previous = ask.Previous;
        }

        ask.Previous = null;
        ask.Next = null;
        Count--;
        if (ask.Asker is { } asker)
        {
            if (ask.AskerPrevious == null)
            {
                asker.FirstAsk = ask.AskerNext;
            }
            else
            {
                ask.AskerPrevious.AskerNext = ask.AskerNext;
            }

            if (ask.AskerNext == null)
            {
                asker.LastAsk = ask.AskerPrevious;
            }
            else
            {
                ask.AskerNext.AskerPrevious = ask.AskerPrevious;
            }

            ask.AskerPrevious = null;
            ask.AskerNext = null;
        }

        return true;
    }

    /// <summary>The asks in flight, oldest first.</summary>
    public IEnumerable<PendingAsk> InOrder()
    {
        for (var ask = first; ask != null; ask = ask.Next)
        {
            yield return ask;
        }
    }
}
