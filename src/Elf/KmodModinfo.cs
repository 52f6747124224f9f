// What kmod's modinfo reads from a module file (libkmod kmod_module_get_info): the .modinfo strings
// in file order split at the first '=', then sig_id, signer, sig_key, sig_hashalgo and signature from
// the appended PKCS#7 signature. Userspace is laxer than the loader: it needs only an ELF whose
// section headers fit, and it reports kmod's errno (ENOEXEC for a bad magic, EINVAL otherwise).
using System.Text;
using ModActors.Elf.Format;

namespace ModActors.Elf;

/// <summary>The fields kmod's modinfo prints for a module file, or the errno it fails with.</summary>
public sealed class KmodModinfo
{
    private KmodModinfo(IReadOnlyList<KeyValuePair<string, string>> fields, int errno)
    {
        Fields = fields;
        Errno = errno;
    }

    /// <summary>Every field in kmod's order: the .modinfo strings, then the signature fields when signed.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fields { get; }

    /// <summary>0 on success, else the errno kmod reports (8 ENOEXEC: not ELF; 22 EINVAL: malformed).</summary>
    public int Errno { get; }

    /// <summary>The strerror text of <see cref="Errno"/>, as kmod prints it.</summary>
    public string ErrorText => Errno switch
    {
        ModActors.Elf.Errno.ENOEXEC => "Exec format error",
        ModActors.Elf.Errno.EINVAL => "Invalid argument",
        _ => $"Unknown error {Errno}",
    };

    /// <summary>Reads the fields of an uncompressed module image; never throws for any input.</summary>
    public static KmodModinfo Read(ReadOnlyMemory<byte> image)
    {
        var span = image.Span;
        if (span.Length <= Elf64.EI_NIDENT)
            return new KmodModinfo([], ModActors.Elf.Errno.EINVAL);
        if (!span[..Elf64.SELFMAG].SequenceEqual(Elf64.ELFMAG))
            return new KmodModinfo([], ModActors.Elf.Errno.ENOEXEC);
        if (span[Elf64.EI_CLASS] != Elf64.ELFCLASS64 || span[Elf64.EI_DATA] != Elf64.ELFDATA2LSB
            || ElfFile.TryOpenLenient(image) is not { } file || file.Header.e_shstrndx >= file.Header.e_shnum)
            return new KmodModinfo([], ModActors.Elf.Errno.EINVAL);
        for (var i = 1; i < file.Header.e_shnum; i++)
        {
            var s = file.Sections[i];
            if (s.sh_type != Elf64.SHT_NOBITS && !ElfFile.Fits(s.sh_offset, s.sh_size, (ulong)file.Length))
                return new KmodModinfo([], ModActors.Elf.Errno.EINVAL);
        }

        var fields = new List<KeyValuePair<string, string>>();
        var info = 0;
        for (var i = 1; i < file.Header.e_shnum && info == 0; i++)
        {
            if (file.SectionNameBytes(i).SequenceEqual(".modinfo"u8))
                info = i;
        }
        if (info != 0)
            fields.AddRange(ModInfo.Parse(file.SectionData(info)).Entries);
        if (ModuleSigCheck.HasMarker(span))
        {
            var trailer = ModuleSigCheck.ReadTrailer(span[..^ModuleSigCheck.MODULE_SIG_STRING.Length], [], verify: false);
            if (trailer.Signature.SigId is { } sigId)
            {
                var sig = trailer.Signature;
                fields.Add(new("sig_id", sigId));
                fields.Add(new("signer", sig.Signer ?? ""));
                fields.Add(new("sig_key", Hex(sig.KeyId ?? [])));
                fields.Add(new("sig_hashalgo", sig.HashAlgorithm ?? "unknown"));
                fields.Add(new("signature", Hex(sig.Signature ?? [])));
            }
        }
        return new KmodModinfo(fields, 0);
    }

    /// kmod_module_hex_to_str: "XX:XX:..." with a line break and two tabs after every 20 bytes.
    private static string Hex(byte[] bytes)
    {
        var sb = new StringBuilder(bytes.Length * 3);
        for (var i = 0; i < bytes.Length; i++)
        {
            sb.Append(bytes[i].ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            if (i < bytes.Length - 1)
            {
                sb.Append(':');
                if ((i + 1) % 20 == 0)
                    sb.Append("\n\t\t");
            }
        }
        return sb.ToString();
    }
}
