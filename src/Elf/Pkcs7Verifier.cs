// verify_pkcs7_signature (certs/system_keyring.c, crypto/asymmetric_keys/pkcs7_*.c) for a module
// signature, through System.Security.Cryptography.Pkcs rather than a hand-written ASN.1 parser:
// parse the detached PKCS#7 SignedData (-EBADMSG when malformed), find the signer's key among the
// configured certificates by issuer and serial number (-ENOKEY when absent), check the digest
// algorithm is one the kernel supports (-ENOPKG) and verify the signature (-EKEYREJECTED on mismatch).
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;

namespace ModActors.Elf;

internal static class Pkcs7Verifier
{
    internal readonly record struct Result(ModuleSignatureInfo Signature);

    public static Result verify_pkcs7_signature(ReadOnlySpan<byte> data, ReadOnlySpan<byte> blob,
        IReadOnlyList<X509Certificate2> trusted, bool verify)
    {
        var cms = new SignedCms(new ContentInfo([]), detached: true);
        try
        {
            cms.Decode(blob);
        }
        catch (CryptographicException)
        {
            return Fail(SignatureStatus.Bad, Errno.EBADMSG);
        }
        if (cms.SignerInfos.Count != 1)
            return Fail(SignatureStatus.Bad, Errno.EBADMSG);

        var signer = cms.SignerInfos[0];
        var hash = HashName(signer.DigestAlgorithm.Value);
        string? issuerCn = null;
        byte[]? serial = null;
        if (signer.SignerIdentifier.Value is X509IssuerSerial issuerSerial)
        {
            issuerCn = CommonName(issuerSerial.IssuerName);
            serial = Convert.FromHexString(issuerSerial.SerialNumber);
        }
        var info = new ModuleSignatureInfo(SignatureStatus.Unsigned, Errno.ENODATA, "PKCS#7", issuerCn, serial, hash,
            signer.GetSignature());
        if (!verify)
            return new Result(info);
        if (hash is null)
            return new Result(info with { Status = SignatureStatus.Unsupported, Errno = Errno.ENOPKG });

        var key = trusted.FirstOrDefault(c => signer.SignerIdentifier.Value is X509IssuerSerial s
                                              && c.IssuerName.Name == s.IssuerName
                                              && string.Equals(c.SerialNumber, s.SerialNumber, StringComparison.OrdinalIgnoreCase));
        if (key is null)
            return new Result(info with { Status = SignatureStatus.UnknownKey, Errno = Errno.ENOKEY });
        try
        {
            var withContent = new SignedCms(new ContentInfo(data.ToArray()), detached: true);
            withContent.Decode(blob);
            withContent.SignerInfos[0].CheckSignature(new X509Certificate2Collection(key), verifySignatureOnly: true);
            return new Result(info with { Status = SignatureStatus.Good, Errno = 0 });
        }
        catch (CryptographicException)
        {
            return new Result(info with { Status = SignatureStatus.Bad, Errno = Errno.EKEYREJECTED });
        }

        static Result Fail(SignatureStatus status, int errno) =>
            new(ModuleSignatureInfo.Unsigned with { Status = status, Errno = errno });
    }

    /// The hash algorithms the kernel's module signing accepts, by OID, named as kmod prints them.
    private static string? HashName(string? oid) => oid switch
    {
        "1.3.14.3.2.26" => "sha1",
        "2.16.840.1.101.3.4.2.4" => "sha224",
        "2.16.840.1.101.3.4.2.1" => "sha256",
        "2.16.840.1.101.3.4.2.2" => "sha384",
        "2.16.840.1.101.3.4.2.3" => "sha512",
        "2.16.840.1.101.3.4.2.8" => "sha3-256",
        "2.16.840.1.101.3.4.2.9" => "sha3-384",
        "2.16.840.1.101.3.4.2.10" => "sha3-512",
        _ => null,
    };

    /// The issuer's CN, as kmod prints it for signer:; null when the name has none or does not parse.
    private static string? CommonName(string distinguishedName)
    {
        try
        {
            var dn = new X500DistinguishedName(distinguishedName);
            foreach (var rdn in dn.EnumerateRelativeDistinguishedNames())
            {
                if (!rdn.HasMultipleElements && rdn.GetSingleElementType().Value == "2.5.4.3")
                    return rdn.GetSingleElementValue();
            }
            return null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
