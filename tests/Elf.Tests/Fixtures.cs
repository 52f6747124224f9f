// The committed fixture modules (fixtures/ko) and helpers to corrupt copies of them.
using System.Buffers.Binary;
using System.Security.Cryptography.X509Certificates;

namespace ModActors.Elf.Tests;

internal static class Fixtures
{
    public static string Root { get; } = FindRoot();

    public static string Ko => Path.Combine(Root, "fixtures", "ko");

    public static string KoPath(string file) => Path.Combine(Ko, file);

    public static byte[] Bytes(string file) => File.ReadAllBytes(KoPath(file));

    public static KernelModule Module(string file, ModuleReadOptions? options = null)
    {
        var result = KernelModuleReader.Read(Bytes(file), options);
        Assert.True(result.IsOk, $"{file}: {result.Rejection}");
        return result.Module!;
    }

    public static ModuleRejection Rejection(byte[] image, ModuleReadOptions? options = null)
    {
        var result = KernelModuleReader.Read(image, options);
        Assert.False(result.IsOk, "expected a rejection");
        return result.Rejection!;
    }

    /// The nine unsigned fixture modules.
    public static IReadOnlyList<string> PlainModules { get; } =
        ["slow", "noexit", "expa", "useb", "nsok", "nsuser", "propc", "refmod", "notif"];

    public static X509Certificate2 Certificate(string name) =>
        X509CertificateLoader.LoadCertificateFromFile(Path.Combine(Root, "fixtures", "keys", name + ".x509"));

    public static int Shoff(byte[] image) => (int)BinaryPrimitives.ReadUInt64LittleEndian(image.AsSpan(40));

    public static int Shnum(byte[] image) => BinaryPrimitives.ReadUInt16LittleEndian(image.AsSpan(60));

    /// Offset of section header i.
    public static int Shdr(byte[] image, int i) => Shoff(image) + i * 64;

    public static int SectionIndex(byte[] image, string name)
    {
        var file = Format.ElfFile.TryOpenLenient(image)!;
        for (var i = 0; i < file.Sections.Length; i++)
        {
            if (file.SectionName(i) == name)
                return i;
        }
        throw new InvalidOperationException($"no section {name}");
    }

    public static byte[] Patch16(byte[] image, int offset, ushort value)
    {
        var copy = (byte[])image.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(copy.AsSpan(offset), value);
        return copy;
    }

    public static byte[] Patch32(byte[] image, int offset, uint value)
    {
        var copy = (byte[])image.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(offset), value);
        return copy;
    }

    public static byte[] Patch64(byte[] image, int offset, ulong value)
    {
        var copy = (byte[])image.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(copy.AsSpan(offset), value);
        return copy;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ModActors.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("ModActors.sln not found above " + AppContext.BaseDirectory);
    }
}
