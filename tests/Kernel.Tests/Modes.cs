namespace ModActors.Kernel.Tests;

/// File modes written in octal in the kernel; C# has no octal literals.
internal static class Modes
{
    public const int S444 = 0x124;
    public const int S644 = 0x1A4;
    public const int S200 = 0x80;
    public const int S666 = 0x1B6;
}
