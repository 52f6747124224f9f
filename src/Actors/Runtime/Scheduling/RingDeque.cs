// A growable ring buffer used for mailboxes, stashes and resumption queues: O(1) at both ends and
// allocation-free once grown, so a delivery costs no garbage (System.Collections.Generic.Queue<T>
// has no push-front, which UnstashAll needs).
namespace ModActors.Runtime.Scheduling;

internal sealed class RingDeque<T>
{
    private T[] items;
    private int head;

    public RingDeque(int capacity = 4) => items = new T[capacity];

    public int Count { get; private set; }

    public T this[int index] => items[(head + index) & (items.Length - 1)];

    public void PushBack(T item)
    {
        if (Count == items.Length)
        {
            Grow();
        }

        items[(head + Count) & (items.Length - 1)] = item;
        Count++;
    }

    public void PushFront(T item)
    {
        if (Count == items.Length)
        {
            Grow();
        }

        head = (head - 1) & (items.Length - 1);
        items[head] = item;
        Count++;
    }

    public T PopFront()
    {
        var item = items[head];
        items[head] = default!;
        head = (head + 1) & (items.Length - 1);
        Count--;
        return item;
    }

    public T RemoveAt(int index)
    {
        if (index == 0)
        {
            return PopFront();
        }

        var mask = items.Length - 1;
        var item = items[(head + index) & mask];
        for (var i = index; i < Count - 1; i++)
        {
            items[(head + i) & mask] = items[(head + i + 1) & mask];
        }

        items[(head + Count - 1) & mask] = default!;
        Count--;
        return item;
    }

    public void Clear()
    {
        Array.Clear(items);
        head = 0;
        Count = 0;
    }

    private void Grow()
    {
        var bigger = new T[items.Length * 2];
        for (var i = 0; i < Count; i++)
        {
            bigger[i] = this[i];
        }

        items = bigger;
        head = 0;
    }
}
