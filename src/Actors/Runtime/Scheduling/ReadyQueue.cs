// The enabled actors of a simulation, in the order they became enabled. This is the canonical
// candidate order the scheduling strategy chooses from; fifo always takes the front.
using System.Collections;

namespace ModActors.Runtime.Scheduling;

internal sealed class ReadyQueue : IReadOnlyList<IActorRef>
{
    private readonly RingDeque<ActorCell> cells = new(8);

    public int Count => cells.Count;

    public IActorRef this[int index] => cells[index];

    public void Add(ActorCell cell)
    {
        cell.InReady = true;
        cells.PushBack(cell);
    }

    public ActorCell Take(int index)
    {
        var cell = cells.RemoveAt(index);
        cell.InReady = false;
        return cell;
    }

    public void Remove(ActorCell cell)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (ReferenceEquals(cells[i], cell))
            {
                Take(i);
                return;
            }
        }
    }

    public IEnumerator<IActorRef> GetEnumerator()
    {
        for (var i = 0; i < cells.Count; i++)
        {
            yield return cells[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
