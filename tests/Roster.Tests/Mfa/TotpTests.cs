using System.Text;
using Roster.Mfa;

namespace Roster.Tests.Mfa;

public sealed class TotpTests
{
    private static readonly byte[] RfcKey = Encoding.ASCII.GetBytes("12345678901234567890");

    // RFC 6238 appendix B, the SHA-1 rows (8 digits).
    [Theory]
    [InlineData(59L, "94287082")]
    [InlineData(1111111109L, "07081804")]
    [InlineData(1111111111L, "14050471")]
    [InlineData(1234567890L, "89005924")]
    [InlineData(2000000000L, "69279037")]
    [InlineData(20000000000L, "65353130")]
    public void Code_MatchesRfc6238TestVectors(long unixSeconds, string expected)
    {
        var step = Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(unixSeconds));

        Totp.Code(RfcKey, step, digits: 8).ShouldBe(expected);
    }

    // RFC 4226 appendix D: HOTP, which TOTP computes over the time step, with 6 digits as apps show them.
    [Theory]
    [InlineData(0L, "755224")]
    [InlineData(1L, "287082")]
    [InlineData(2L, "359152")]
    [InlineData(3L, "969429")]
    [InlineData(4L, "338314")]
    [InlineData(5L, "254676")]
    [InlineData(6L, "287922")]
    [InlineData(7L, "162583")]
    [InlineData(8L, "399871")]
    [InlineData(9L, "520489")]
    public void Code_SixDigits_MatchesRfc4226TestVectors(long counter, string expected)
    {
        Totp.Code(RfcKey, counter).ShouldBe(expected);
    }

    [Fact]
    public void Match_AcceptsOneStepEitherSide_AndNoFurther()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_010);
        var step = Totp.StepAt(now);

        Totp.Match(RfcKey, Totp.Code(RfcKey, step), now, null).ShouldBe(step);
        Totp.Match(RfcKey, Totp.Code(RfcKey, step - 1), now, null).ShouldBe(step - 1);
        Totp.Match(RfcKey, Totp.Code(RfcKey, step + 1), now, null).ShouldBe(step + 1);
        Totp.Match(RfcKey, Totp.Code(RfcKey, step - 2), now, null).ShouldBeNull();
        Totp.Match(RfcKey, Totp.Code(RfcKey, step + 2), now, null).ShouldBeNull();
    }

    [Fact]
    public void Match_AtOrBeforeTheLastUsedStep_IsRefused()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_010);
        var step = Totp.StepAt(now);

        Totp.Match(RfcKey, Totp.Code(RfcKey, step), now, lastUsedStep: step).ShouldBeNull();
        Totp.Match(RfcKey, Totp.Code(RfcKey, step - 1), now, lastUsedStep: step).ShouldBeNull();
        Totp.Match(RfcKey, Totp.Code(RfcKey, step + 1), now, lastUsedStep: step).ShouldBe(step + 1);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    public void Match_NotSixDigits_IsRefused(string code)
    {
        Totp.Match(RfcKey, code, DateTimeOffset.UnixEpoch, null).ShouldBeNull();
    }

    // RFC 4648 section 10, without the padding authenticator apps do not want.
    [Theory]
    [InlineData("", "")]
    [InlineData("f", "MY")]
    [InlineData("fo", "MZXQ")]
    [InlineData("foo", "MZXW6")]
    [InlineData("foob", "MZXW6YQ")]
    [InlineData("fooba", "MZXW6YTB")]
    [InlineData("foobar", "MZXW6YTBOI")]
    public void Base32_MatchesRfc4648TestVectors(string text, string encoded)
    {
        Base32.Encode(Encoding.ASCII.GetBytes(text)).ShouldBe(encoded);
        Encoding.ASCII.GetString(Base32.Decode(encoded.ToLowerInvariant())!).ShouldBe(text);
    }

    [Fact]
    public void NewKey_Is160RandomBitsInBase32()
    {
        var key = AuthenticatorKeys.NewKey();

        key.ShouldMatch("^[A-Z2-7]{32}$");
        Base32.Decode(key)!.Length.ShouldBe(20);
        AuthenticatorKeys.NewKey().ShouldNotBe(key);
    }

    [Fact]
    public void Uri_FollowsTheKeyUriFormat()
    {
        AuthenticatorKeys.Uri("JBSWY3DPEHPK3PXP", "ada@example.com").ShouldBe(
            "otpauth://totp/Roster:ada@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Roster&algorithm=SHA1&digits=6&period=30");
    }

    [Fact]
    public void RecoveryCodes_AreTenDistinct80BitCodes()
    {
        var codes = RecoveryCodes.New();

        codes.Count.ShouldBe(10);
        codes.Distinct().Count().ShouldBe(10);
        codes.ShouldAllBe(c => System.Text.RegularExpressions.Regex.IsMatch(c, "^[a-z2-7]{4}(-[a-z2-7]{4}){3}$"));
        codes.ShouldAllBe(c => RecoveryCodes.IsShaped(OneTimeCode.Normalize(c.ToUpperInvariant())));
    }
}
