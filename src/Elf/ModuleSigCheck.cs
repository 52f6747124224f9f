// module_sig_check and mod_verify_sig (kernel/module/signing.c) with mod_check_sig
// (kernel/module_signature.c): find the marker, check struct module_signature, cut the trailer off
// info->len, verify the PKCS#7 blob, and decide which failures are fatal when not enforcing.
using System.Buffers.Binary;
using System.Security.Cryptography.X509Certificates;

namespace ModActors.Elf;

internal static class ModuleSigCheck
{
    public static ReadOnlySpan<byte> MODULE_SIG_STRING => "~Module signature appended~\n"u8;
    private const int SizeofModuleSignature = 12;
    private const byte PKEY_ID_PKCS7 = 2;

    /// <summary>
    /// Runs module_sig_check; returns the fatal rejection, or null with the length the ELF checks see. Lines the
    /// kernel logs on the way without refusing (mod_check_sig's -ENOPKG complaint) go to log.
    /// </summary>
    public static ModuleRejection? module_sig_check(ReadOnlyMemory<byte> image, ModuleReadOptions options,
        out int len, out ModuleSignatureInfo signature, List<string>? log = null)
    {
        len = image.Length;
        signature = ModuleSignatureInfo.Unsigned;
        var err = Errno.ENODATA;
        var errLog = "";
        var mangled = (options.Flags & (ModuleInitFlags.IgnoreModversions | ModuleInitFlags.IgnoreVermagic)) != 0;
        var markerlen = MODULE_SIG_STRING.Length;
        if (!mangled && HasMarker(image.Span))
        {
            var info = ReadTrailer(image.Span[..(image.Length - markerlen)], options.TrustedCertificates, verify: true);
            len -= markerlen;
            err = info.Errno;
            errLog = info.Log;
            if (info.StrippedLength is { } stripped)
                len = stripped;
            signature = info.Signature;
            if (err == 0)
                return null;
        }

        string reason;
        switch (err)
        {
            case Errno.ENODATA: reason = "unsigned module"; break;
            case Errno.ENOPKG: reason = "module with unsupported crypto"; break;
            case Errno.ENOKEY: reason = "module with unavailable key"; break;
            default: return new ModuleRejection(err, errLog, nameof(module_sig_check));
        }
        if (errLog.Length > 0)
            log?.Add(errLog);
        if (options.SigEnforce)
            return new ModuleRejection(Errno.EKEYREJECTED, $"Loading of {reason} is rejected", nameof(module_sig_check));
        return null;
    }

    public static bool HasMarker(ReadOnlySpan<byte> image) =>
        image.Length > MODULE_SIG_STRING.Length && image[^MODULE_SIG_STRING.Length..].SequenceEqual(MODULE_SIG_STRING);

    /// The result of mod_verify_sig on the image with the marker already cut off.
    internal readonly record struct TrailerResult(int Errno, string Log, int? StrippedLength, ModuleSignatureInfo Signature);

    /// mod_verify_sig + mod_check_sig over mod[0..modlen); verifies only when asked (a mangled load does not).
    internal static TrailerResult ReadTrailer(ReadOnlySpan<byte> mod, IReadOnlyList<X509Certificate2> trusted, bool verify)
    {
        var modlen = mod.Length;
        if (modlen <= SizeofModuleSignature)
            return Bad(Errno.EBADMSG, "", null);
        var ms = mod[(modlen - SizeofModuleSignature)..];
        var sigLen = BinaryPrimitives.ReadUInt32BigEndian(ms[8..]);
        if (sigLen >= (ulong)(modlen - SizeofModuleSignature))
            return Bad(Errno.EBADMSG, "", null);
        if (ms[2] != PKEY_ID_PKCS7)
            return new TrailerResult(Errno.ENOPKG, "module: not signed with expected PKCS#7 message", null,
                ModuleSignatureInfo.Unsigned with { Status = SignatureStatus.Unsupported, Errno = Errno.ENOPKG });
        if (ms[0] != 0 || ms[1] != 0 || ms[3] != 0 || ms[4] != 0 || ms[5] != 0 || ms[6] != 0 || ms[7] != 0)
            return Bad(Errno.EBADMSG, "module: PKCS#7 signature info has unexpected non-zero params", null);

        var stripped = modlen - SizeofModuleSignature - (int)sigLen;
        var blob = mod.Slice(stripped, (int)sigLen);
        var result = Pkcs7Verifier.verify_pkcs7_signature(mod[..stripped], blob, trusted, verify);
        return new TrailerResult(result.Signature.Errno, "", stripped, result.Signature);

        static TrailerResult Bad(int errno, string log, int? stripped) => new(errno, log, stripped,
            ModuleSignatureInfo.Unsigned with { Status = SignatureStatus.Bad, Errno = errno });
    }
}
