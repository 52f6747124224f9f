// The enabled actors of a simulation, in the order they became enabled. This is the canonical
// candidate order the scheduling strategy chooses from; fifo always takes the front.
//
// Why not a list: strategies take any index (random, pct, dfs), and with thousands of enabled actors
// shifting the tail after every removal made each step cost O(n). Here each enabled actor sits in a
// slot numbered in the order it became enabled; a Fenwick tree over the slots counts the occupied
// ones, so the i-th candidate is found and removed in O(log n) while the order stays exactly the
// order of a list. Slots are renumbered (order kept) when the array fills up or is mostly empty.
// Reading the candidates in sequence (what pct does on every step) walks the slots without searching,
// and the tree is only built once a strategy takes a candidate other than the first, so fifo pays for
// an append and a pop only.
using System.Collections;
using Akka.Actor;
using System.Numerics;

namespace ModActors.Runtime.Scheduling;

internal sealed class ReadyQueue : IReadOnlyList<IActorRef>
{
    private const int MinCapacity = 8;
    private const int SparseSpan = 64;

    private ActorSlot?[] slots = new ActorSlot?[MinCapacity];
    private int[] tree = [];
    private int head;
    private int tail;
    private int lastIndex = -1;
    private int lastSlot;
    private bool indexed;

    public int Count { get; private set; }

    public IActorRef this[int index] => At(index).Self;

    public void Add(ActorSlot cell)
    {
        if (tail == slots.Length)
        {
            Renumber(Math.Max(MinCapacity, (int)BitOperations.RoundUpToPowerOf2((uint)(Count * 2 + 1))));
        }

        cell.InReady = true;
        cell.ReadySlot = tail;
        slots[tail] = cell;
        Increment(tail, 1);
        tail++;
        Count++;
        lastIndex = -1;
    }

    public ActorSlot Take(int index)
    {
        var slot = index == 0 ? head : index == lastIndex ? lastSlot : FindSlot(index);
        var cell = slots[slot]!;
        RemoveSlot(slot);
        return cell;
    }

    public void Remove(ActorSlot cell) => RemoveSlot(cell.ReadySlot);

    public IEnumerator<IActorRef> GetEnumerator()
    {
        for (var slot = head; slot < tail; slot++)
        {
            if (slots[slot] is { } cell)
            {
                yield return cell.Self;
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private ActorSlot At(int index)
    {
        if ((uint)index >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"only {Count} actors are enabled");
        }

        int slot;
        if (index == lastIndex)
        {
            slot = lastSlot;
        }
        else if (index == 0)
        {
            slot = head;
        }
        else if (index == lastIndex + 1)
        {
            slot = lastSlot + 1;
            while (slots[slot] == null)
            {
                slot++;
            }
        }
        else
        {
            slot = FindSlot(index);
        }

        lastIndex = index;
        lastSlot = slot;
        return slots[slot]!;
    }

    private void RemoveSlot(int slot)
    {
        var cell = slots[slot]!;
        cell.InReady = false;
        slots[slot] = null;
        Increment(slot, -1);
        Count--;
        lastIndex = -1;
        if (Count == 0)
        {
            head = 0;
            tail = 0;
            return;
        }

        if (slot == head)
        {
            while (slots[head] == null)
            {
                head++;
            }
        }

        var span = tail - head;
        if (span > SparseSpan && Count * 4 < span)
        {
            Renumber(Math.Max(MinCapacity, (int)BitOperations.RoundUpToPowerOf2((uint)(Count * 2 + 1))));
        }
    }

    /// <summary>Moves the occupied slots, in order, to the front of a fresh array and rebuilds the tree.</summary>
    private void Renumber(int capacity)
    {
        var fresh = new ActorSlot?[capacity];
        var next = 0;
        for (var slot = head; slot < tail; slot++)
        {
            if (slots[slot] is { } cell)
            {
                cell.ReadySlot = next;
                fresh[next++] = cell;
            }
        }

        slots = fresh;
        head = 0;
        tail = next;
        if (indexed)
        {
            BuildTree();
        }
    }

    /// <summary>Fills the tree from the occupied slots in O(capacity).</summary>
    private void BuildTree()
    {
        if (tree.Length == slots.Length + 1)
        {
            Array.Clear(tree);
        }
        else
        {
            tree = new int[slots.Length + 1];
        }

        for (var i = 1; i < tree.Length; i++)
        {
            if (slots[i - 1] != null)
            {
                tree[i]++;
            }

            var parent = i + (i & -i);
            if (parent < tree.Length)
            {
                tree[parent] += tree[i];
            }
        }
    }

    private void Increment(int slot, int delta)
    {
        if (!indexed)
        {
            return;
        }

        for (var i = slot + 1; i < tree.Length; i += i & -i)
        {
            tree[i] += delta;
        }
    }

    /// <summary>The slot of the candidate at <paramref name="index"/> (0-based), by descending the tree.</summary>
    private int FindSlot(int index)
    {
        if (!indexed)
        {
            indexed = true;
            BuildTree();
        }

        var position = 0;
        var remaining = index + 1;
        for (var step = slots.Length; step > 0; step >>= 1)
        {
            var next = position + step;
            if (next < tree.Length && tree[next] < remaining)
            {
                position = next;
                remaining -= tree[next];
            }
        }

        return position;
    }
}
