// One change a .ko mutator makes to a module image: bytes written at an offset, or the file cut short.
// A mutant is its base image plus a list of these, so a failing mutant can be minimised by dropping
// changes and written down as the list that still fails.
namespace ModActors.Scenarios.Fuzzing;

/// <summary>A change to a module image.</summary>
internal abstract record KoMutation(string What)
{
    /// <summary>Applies the change to <paramref name="image"/> (which it may replace).</summary>
    public abstract byte[] Apply(byte[] image);
}

/// <summary>Writes <paramref name="Data"/> at <paramref name="Offset"/> (bytes past the end are dropped).</summary>
internal sealed record KoPatch(string What, int Offset, byte[] Data) : KoMutation(What)
{
    public override byte[] Apply(byte[] image)
    {
        for (var i = 0; i < Data.Length && Offset + i < image.Length; i++)
            image[Offset + i] = Data[i];
        return image;
    }

    public override string ToString() => $"{What} @0x{Offset:x}: {Convert.ToHexString(Data).ToLowerInvariant()}";
}

/// <summary>Cuts the image to <paramref name="Length"/> bytes.</summary>
internal sealed record KoTruncate(string What, int Length) : KoMutation(What)
{
    public override byte[] Apply(byte[] image) => Length < image.Length ? image[..Length] : image;

    public override string ToString() => $"{What}: truncate to {Length} bytes";
}
