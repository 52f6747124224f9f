// What the appended signature of a module says and whether it verified: the trailer
// "<PKCS#7 DER><struct module_signature>~Module signature appended~\n" (include/linux/module_signature.h).
namespace ModActors.Elf;

/// <summary>The outcome of module_sig_check's verification.</summary>
public enum SignatureStatus
{
    /// <summary>No "~Module signature appended~" marker, or the load was "mangled" by ignore flags (-ENODATA).</summary>
    Unsigned,
    /// <summary>The PKCS#7 signature verifies against a configured certificate.</summary>
    Good,
    /// <summary>The trailer or the PKCS#7 message is malformed, or the signature does not match (-EBADMSG, -EKEYREJECTED).</summary>
    Bad,
    /// <summary>Signed by a key none of the configured certificates carries (-ENOKEY).</summary>
    UnknownKey,
    /// <summary>Not PKCS#7, or an algorithm the kernel has no support for (-ENOPKG).</summary>
    Unsupported,
}

/// <summary>The module's appended signature, as module_sig_check and kmod's modinfo see it.</summary>
/// <param name="Status">Unsigned / Good / Bad / UnknownKey / Unsupported.</param>
/// <param name="Errno">The errno mod_verify_sig gave (0 when Good; 61 ENODATA when unsigned).</param>
/// <param name="SigId">"PKCS#7" for id_type 2 (kmod's sig_id), or null when unsigned.</param>
/// <param name="Signer">The common name of the signer's issuer, or null.</param>
/// <param name="KeyId">The signer's serial number bytes (kmod's sig_key), or null.</param>
/// <param name="HashAlgorithm">The digest algorithm name ("sha256"), or null.</param>
/// <param name="Signature">The raw signature value, or null.</param>
public sealed record ModuleSignatureInfo(SignatureStatus Status, int Errno, string? SigId, string? Signer,
    byte[]? KeyId, string? HashAlgorithm, byte[]? Signature)
{
    /// <summary>An image without a signature trailer.</summary>
    public static ModuleSignatureInfo Unsigned { get; } = new(SignatureStatus.Unsigned, 61, null, null, null, null, null);

    /// <summary>True when the kernel would set mod->sig_ok.</summary>
    public bool SigOk => Status == SignatureStatus.Good;
}
