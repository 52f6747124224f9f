// 100,000+ mutated copies of the fixture modules (bit flips, truncations, corrupted ELF header and
// section header fields, symbol and relocation entries, signature trailers, overwritten ranges): every
// one must end in a typed rejection or a valid parse - never another exception - and everything the
// parse exposes (sections, params, layout, relocation, kmod's modinfo view) must be computable too.
// The per-file wall bound is only a hang detector; the mutation streams are seeded and reproducible.
using System.Buffers.Binary;
using System.Diagnostics;

namespace ModActors.Elf.Tests;

public class RobustnessTests
{
    private const int Mutations = 100_000;
    private static readonly TimeSpan HangBound = TimeSpan.FromSeconds(5);

    private static readonly string[] Bases =
    [
        "slow.ko", "noexit.ko", "expa.ko", "useb.ko", "nsok.ko", "nsuser.ko", "propc.ko", "refmod.ko", "notif.ko",
        "slow.signed.ko", "noexit.signed-rsa.ko", "slow.untrusted.ko",
    ];

    [Fact]
    public void Every_mutated_module_ends_in_a_typed_rejection_or_a_valid_parse()
    {
        var images = Bases.Select(Fixtures.Bytes).ToArray();
        var trusting = new ModuleReadOptions { TrustedCertificates = [Fixtures.Certificate("ecdsa"), Fixtures.Certificate("rsa")] };
        var workers = Math.Max(2, Environment.ProcessorCount);
        var perWorker = (Mutations + workers - 1) / workers;
        var parsed = new int[workers];
        var rejected = new int[workers];
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();

        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
        {
            var random = new Random(1000 + w);
            for (var n = 0; n < perWorker && failures.IsEmpty; n++)
            {
                var baseIndex = random.Next(images.Length);
                var (image, how) = Mutate(images[baseIndex], random);
                var options = n % 25 == 0 ? trusting : ModuleReadOptions.Default;
                var clock = Stopwatch.StartNew();
                try
                {
                    var result = KernelModuleReader.Read(image, options);
                    if (result.Module is { } m)
                    {
                        Exercise(m);
                        parsed[w]++;
                    }
                    else
                    {
                        Assert.NotNull(result.Rejection);
                        Assert.True(result.Rejection!.Errno > 0);
                        rejected[w]++;
                    }
                    _ = KmodModinfo.Read(image);
                }
                catch (Exception e)
                {
                    failures.Enqueue($"worker {w} mutation {n} of {Bases[baseIndex]} ({how}): {e}");
                }
                if (clock.Elapsed > HangBound)
                    failures.Enqueue($"worker {w} mutation {n} of {Bases[baseIndex]} ({how}) took {clock.Elapsed}");
            }
        });

        Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(3)));
        Assert.True(parsed.Sum() + rejected.Sum() >= Mutations);
        Assert.True(parsed.Sum() > 1000, $"only {parsed.Sum()} mutations parsed");
        Assert.True(rejected.Sum() > 10000, $"only {rejected.Sum()} mutations were rejected");
    }

    [Fact]
    public void Mutated_xz_streams_read_with_the_compressed_flag_end_in_a_typed_result()
    {
        var xz = Fixtures.Bytes("slow.ko.xz");
        var options = new ModuleReadOptions { Flags = ModuleInitFlags.CompressedFile };
        var random = new Random(77);
        var outcomes = new Dictionary<string, int>();
        for (var n = 0; n < 3000; n++)
        {
            var image = (byte[])xz.Clone();
            if (n % 3 == 0)
                image = image[..random.Next(image.Length)];
            else
                image[random.Next(image.Length)] ^= (byte)(1 << random.Next(8));
            var result = KernelModuleReader.Read(image, options);
            var key = result.IsOk ? "ok" : result.Rejection!.ErrnoName;
            outcomes[key] = outcomes.GetValueOrDefault(key) + 1;
        }
        Assert.True(outcomes.GetValueOrDefault("EINVAL") > 1000, string.Join(", ", outcomes));
    }

    private static void Exercise(KernelModule m)
    {
        _ = m.Sections.Count;
        _ = m.Params.Count;
        _ = m.LayoutRejection;
        var layout = m.Layout;
        if (layout.TotalSize <= 1 << 20)
        {
            var r = ModuleRelocation.Relocate(m, t => 0xffffffffc0000000UL + (ulong)t * 0x200000, _ => 0xffffffff81000000UL);
            Assert.True(r.IsOk || r.Rejection!.Errno > 0);
        }
    }

    private static (byte[] Image, string How) Mutate(byte[] original, Random random)
    {
        var image = (byte[])original.Clone();
        var shoff = (int)BinaryPrimitives.ReadUInt64LittleEndian(image.AsSpan(40));
        var shnum = BinaryPrimitives.ReadUInt16LittleEndian(image.AsSpan(60));
        switch (random.Next(7))
        {
            case 0:
                var flips = 1 + random.Next(8);
                for (var i = 0; i < flips; i++)
                    image[random.Next(image.Length)] ^= (byte)(1 << random.Next(8));
                return (image, $"{flips} bit flips");
            case 1:
                var len = random.Next(2) == 0 ? random.Next(128) : random.Next(image.Length);
                return (image[..len], $"truncated to {len}");
            case 2:
                int[] ehdrFields = [16, 18, 40, 58, 60, 62];
                var field = ehdrFields[random.Next(ehdrFields.Length)];
                if (field == 40)
                    BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(field), Interesting(random, (ulong)image.Length));
                else
                    BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(field), (ushort)Interesting(random, shnum));
                return (image, $"ELF header field at {field}");
            case 3:
                var s = random.Next(shnum);
                int[] offsets = [0, 4, 8, 16, 24, 32, 40, 44, 48, 56];
                var at = offsets[random.Next(offsets.Length)];
                var value = Interesting(random, (ulong)image.Length);
                if (at is 0 or 4 or 40 or 44)
                    BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(shoff + s * 64 + at), (uint)value);
                else
                    BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(shoff + s * 64 + at), value);
                return (image, $"section {s} header field {at} = {value:x}");
            case 4:
                var entry = EntryIn(image, shoff, shnum, random, out var what);
                if (entry >= 0)
                {
                    var delta = random.Next(3) * 8;
                    BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(entry + delta), Interesting(random, (ulong)image.Length));
                }
                return (image, what);
            case 5:
                var tail = Math.Min(image.Length, 64 + random.Next(400));
                var pos = image.Length - 1 - random.Next(tail);
                image[pos] = (byte)random.Next(256);
                return (image, $"trailer byte {image.Length - pos} from the end");
            default:
                var start = random.Next(image.Length);
                var count = Math.Min(image.Length - start, 1 + random.Next(64));
                random.NextBytes(image.AsSpan(start, count));
                return (image, $"{count} random bytes at {start}");
        }
    }

    /// Boundary-heavy values: 0, 1, small, near the file length, all ones, huge.
    private static ulong Interesting(Random random, ulong scale) => random.Next(8) switch
    {
        0 => 0,
        1 => 1,
        2 => (ulong)random.Next(64),
        3 => scale,
        4 => scale + (ulong)random.Next(-16, 16),
        5 => ulong.MaxValue,
        6 => (ulong)random.NextInt64(),
        _ => 1UL << random.Next(64),
    };

    /// The offset of a random entry of the symbol table or of a relocation section, or -1.
    private static int EntryIn(byte[] image, int shoff, int shnum, Random random, out string what)
    {
        for (var tries = 0; tries < 8; tries++)
        {
            var s = random.Next(shnum);
            var h = shoff + s * 64;
            var type = BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan(h + 4));
            if (type is not (2 or 4))
                continue;
            var offset = BinaryPrimitives.ReadUInt64LittleEndian(image.AsSpan(h + 24));
            var size = BinaryPrimitives.ReadUInt64LittleEndian(image.AsSpan(h + 32));
            if (size < 24 || offset + size > (ulong)image.Length)
                continue;
            var index = random.Next((int)(size / 24));
            what = $"{(type == 2 ? "symbol" : "rela")} entry {index} of section {s}";
            return (int)offset + index * 24;
        }
        what = "no entry found";
        return -1;
    }
}
