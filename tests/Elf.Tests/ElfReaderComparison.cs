// Compares two readers' views of one module row by row, so a difference names the module, the row and the field.
namespace ModActors.Elf.Tests;

internal static class ElfReaderComparison
{
    public static void AssertSame(ElfView ours, ElfView theirs, string module)
    {
        Assert.True(ours.Sections.SequenceEqual(theirs.Sections), Diff(module, "section", ours.Sections, theirs.Sections));
        for (var i = 0; i < ours.Contents.Count; i++)
            Assert.True(ours.Contents[i].AsSpan().SequenceEqual(theirs.Contents[i]), $"{module}: section {i} ({ours.Sections[i].Name}) bytes differ");
        Assert.True(ours.Symbols.SequenceEqual(theirs.Symbols), Diff(module, "symbol", ours.Symbols, theirs.Symbols));
        Assert.True(ours.Notes.SequenceEqual(theirs.Notes), Diff(module, "note", ours.Notes, theirs.Notes));
    }

    private static string Diff<T>(string module, string what, IReadOnlyList<T> ours, IReadOnlyList<T> theirs)
    {
        for (var i = 0; i < Math.Max(ours.Count, theirs.Count); i++)
        {
            var a = i < ours.Count ? ours[i]?.ToString() : "(none)";
            var b = i < theirs.Count ? theirs[i]?.ToString() : "(none)";
            if (a != b)
                return $"{module}: {what} {i}: ours {a}, ELFSharp {b}";
        }
        return $"{module}: {what}s equal";
    }
}
