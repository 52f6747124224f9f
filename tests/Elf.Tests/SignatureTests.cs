// module_sig_check: unsigned, good, unknown-key and bad signatures give the kernel's errnos, and only
// the ones the kernel treats as fatal refuse the load when signatures are not enforced.
namespace ModActors.Elf.Tests;

public class SignatureTests
{
    private static readonly ModuleReadOptions Trusting = new()
    {
        TrustedCertificates = [Fixtures.Certificate("ecdsa"), Fixtures.Certificate("rsa")],
    };

    [Fact]
    public void An_unsigned_module_loads_without_sig_ok()
    {
        var m = Fixtures.Module("slow.ko", Trusting);
        Assert.Equal(SignatureStatus.Unsigned, m.Signature.Status);
        Assert.False(m.Signature.SigOk);
    }

    [Theory]
    [InlineData("slow.signed.ko")]
    [InlineData("expa.signed.ko")]
    [InlineData("noexit.signed-rsa.ko")]
    public void A_module_signed_by_a_trusted_key_verifies(string file)
    {
        var m = Fixtures.Module(file, Trusting);
        Assert.Equal(SignatureStatus.Good, m.Signature.Status);
        Assert.Equal(0, m.Signature.Errno);
        Assert.Equal("sha256", m.Signature.HashAlgorithm);
        Assert.Equal(Fixtures.Module(file.Replace(".signed-rsa", "", StringComparison.Ordinal).Replace(".signed", "", StringComparison.Ordinal)).ImageLength, m.ImageLength);
    }

    [Fact]
    public void A_signed_module_without_its_key_loads_unverified_with_enokey()
    {
        var m = Fixtures.Module("slow.untrusted.ko", Trusting);
        Assert.Equal(SignatureStatus.UnknownKey, m.Signature.Status);
        Assert.Equal(126, m.Signature.Errno);
        Assert.Equal(SignatureStatus.UnknownKey, Fixtures.Module("slow.signed.ko").Signature.Status);
    }

    [Theory]
    [InlineData("slow.badsig.ko")]
    [InlineData("slow.tampered.ko")]
    public void A_signature_that_does_not_match_refuses_the_load_even_when_not_enforced(string file)
    {
        var r = Fixtures.Rejection(Fixtures.Bytes(file), Trusting);
        Assert.Equal("EKEYREJECTED", r.ErrnoName);
        Assert.Equal("module_sig_check", r.Stage);
    }

    [Fact]
    public void Enforcement_rejects_unsigned_and_unknown_key_modules_with_the_kernel_notice()
    {
        var enforce = Trusting with { SigEnforce = true };
        var unsigned = Fixtures.Rejection(Fixtures.Bytes("slow.ko"), enforce);
        Assert.Equal((129, "Loading of unsigned module is rejected"), (unsigned.Errno, unsigned.Log));
        var unknown = Fixtures.Rejection(Fixtures.Bytes("slow.untrusted.ko"), enforce);
        Assert.Equal((129, "Loading of module with unavailable key is rejected"), (unknown.Errno, unknown.Log));
        Assert.True(KernelModuleReader.Read(Fixtures.Bytes("slow.signed.ko"), enforce).IsOk);
    }

    [Fact]
    public void Ignore_flags_mangle_the_module_so_its_signature_is_not_checked()
    {
        var options = Trusting with { Flags = ModuleInitFlags.IgnoreVermagic };
        var bad = KernelModuleReader.Read(Fixtures.Bytes("slow.badsig.ko"), options);
        Assert.True(bad.IsOk);
        Assert.False(bad.Module!.Signature.SigOk);
    }

    [Fact]
    public void Trailer_errors_follow_mod_check_sig()
    {
        var image = Fixtures.Bytes("slow.signed.ko");
        var ms = image.Length - 28 - 12;
        var wrongId = (byte[])image.Clone();
        wrongId[ms + 2] = 1;
        var r = KernelModuleReader.Read(wrongId, Trusting);
        Assert.True(r.IsOk); // -ENOPKG is not fatal without enforcement
        Assert.Equal(SignatureStatus.Unsupported, r.Module!.Signature.Status);
        Assert.Equal(["module: not signed with expected PKCS#7 message"], r.Log);
        var enforced = Fixtures.Rejection(wrongId, Trusting with { SigEnforce = true });
        Assert.Equal("Loading of module with unsupported crypto is rejected", enforced.Log);

        var nonzero = (byte[])image.Clone();
        nonzero[ms + 5] = 1;
        var bad = Fixtures.Rejection(nonzero, Trusting);
        Assert.Equal((74, "module: PKCS#7 signature info has unexpected non-zero params"), (bad.Errno, bad.Log));

        var tooLong = Fixtures.Patch32(image, ms + 8, 0xffffff7f);
        Assert.Equal("EBADMSG", Fixtures.Rejection(tooLong, Trusting).ErrnoName);
    }
}
