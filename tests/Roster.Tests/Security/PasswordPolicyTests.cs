using Microsoft.Extensions.Options;
using Roster.Security;

namespace Roster.Tests.Security;

public sealed class PasswordPolicyTests
{
    private const string Email = "ada.lovelace@analytical.test";
    private const string Name = "Ada Lovelace";

    private static PasswordPolicy Policy(int minLength = 8) => new(Options.Create(new SecurityOptions { PasswordMinLength = minLength }));

    private static string? CodeOf(string? password, int minLength = 8) => Policy(minLength).Check(password, Email, Name)?.Code;

    [Theory]
    [InlineData(null, "users.password_required")]
    [InlineData("", "users.password_required")]
    [InlineData("kite sun", null)]
    [InlineData("kite su", "users.password_too_short")]
    public void Length_AtLeastTheMinimum(string? password, string? code) => CodeOf(password).ShouldBe(code);

    [Fact]
    public void MinimumLength_IsConfigurable()
    {
        CodeOf("kite sun", minLength: 12).ShouldBe("users.password_too_short");
        CodeOf("kite sun fog", minLength: 12).ShouldBeNull();
    }

    [Fact]
    public void Length_128IsAccepted_129IsRefusedWithAClearMessage()
    {
        var exactly128 = Varied(128);
        var error = Policy().Check(exactly128 + "z", Email, Name);

        Policy().Check(exactly128, Email, Name).ShouldBeNull();
        error!.Code.ShouldBe("users.password_too_long");
        error.Message.ShouldBe("The password can have at most 128 characters.");
        error.Field.ShouldBe("password");
    }

    [Fact]
    public void Length_CountsEachUnicodeCharacterOnce()
    {
        // Eight emoji are sixteen UTF-16 units; 128 of them are 256.
        var eight = string.Concat(Enumerable.Range(0, 8).Select(i => char.ConvertFromUtf32(0x1F600 + i)));
        var seven = string.Concat(Enumerable.Range(0, 7).Select(i => char.ConvertFromUtf32(0x1F600 + i)));
        var many = string.Concat(Enumerable.Range(0, 128).Select(i => char.ConvertFromUtf32(0x1F300 + i)));

        CodeOf(eight).ShouldBeNull();
        CodeOf(seven).ShouldBe("users.password_too_short");
        CodeOf(many).ShouldBeNull();
    }

    [Theory]
    [InlineData("all lower case words")]
    [InlineData("ALLUPPERCASEWORDS")]
    [InlineData("kiwi lantern orbit")]
    [InlineData("correct horse battery staple")]
    [InlineData("Zürich straße 2045 ñandú")]
    public void NoCompositionRules_AnyLongEnoughUncommonPasswordIsAccepted(string password) => CodeOf(password).ShouldBeNull();

    [Theory]
    [InlineData("password")]
    [InlineData("PASSWORD")]
    [InlineData("Password1!")]
    [InlineData("P@ssw0rd")]
    [InlineData("p a s s w o r d")]
    [InlineData("123456789")]
    [InlineData("qwertyuiop")]
    [InlineData("iloveyou")]
    [InlineData("Summer2024!")]
    [InlineData("!!Dragon2025")]
    [InlineData("letmein123")]
    [InlineData("trustno1")]
    [InlineData("roster2026")]
    public void CommonPasswords_AndTheirUsualVariations_AreRefused(string password) => CodeOf(password).ShouldBe("users.password_common");

    [Theory]
    [InlineData("aaaaaaaaaa")]
    [InlineData("abababababab")]
    [InlineData("xyzxyzxyz")]
    [InlineData("abcdefghij")]
    [InlineData("98765432")]
    [InlineData("lkjhgfdsa")]
    [InlineData("redredredred")]
    public void RepeatsRunsAndKeyboardRows_AreRefused(string password) => CodeOf(password).ShouldBe("users.password_common");

    [Theory]
    [InlineData("ada.lovelace@analytical.test")]
    [InlineData("Ada.Lovelace")]
    [InlineData("lovelace1815")]
    [InlineData("AdaLovelace!")]
    [InlineData("Ada Lovelace")]
    [InlineData("analytical99")]
    public void TheUsersOwnEmailOrName_IsRefused(string password)
    {
        var error = Policy().Check(password, Email, Name);

        error!.Code.ShouldBe("users.password_personal");
        error.Message.ShouldBe("The password must not be made of your name, your email address or the name of your account.");
    }

    [Theory]
    [InlineData("FrontStreet2026!")]
    [InlineData("Front Street Inc")]
    [InlineData("streetfront")]
    [InlineData("2026-Street-Front-Inc")]
    [InlineData("Fr0nt5treet!!")]
    [InlineData("INC front 99 street")]
    public void APasswordMadeOfTheAccountsName_IsRefused(string password)
    {
        var error = Policy().Check(password, Email, Name, ["Front Street Inc"]);

        error!.Code.ShouldBe("users.password_personal");
        error.Field.ShouldBe("password");
    }

    [Theory]
    [InlineData("balboarobert")]
    [InlineData("Robert-Balboa-1976")]
    [InlineData("BALBOA robert!")]
    [InlineData("rbalboafrontstreet")]
    [InlineData("RobertFrontStreet")]
    public void APasswordMadeOfTheUsersNameEmailAndAccount_InAnyOrder_IsRefused(string password) =>
        Policy().Check(password, "rbalboa@frontstreet.test", "Robert Balboa", ["Front Street Inc"])!.Code.ShouldBe("users.password_personal");

    [Fact]
    public void EveryAccountOfTheUser_Counts()
    {
        Policy().Check("BalboaDistribution7", Email, Name, ["Front Street Inc", "Balboa Distribution"])!.Code.ShouldBe("users.password_personal");
        Policy().Check("BalboaDistribution7", Email, Name, ["Front Street Inc"]).ShouldBeNull();
    }

    [Theory]
    [InlineData("front street umbrellas")]
    [InlineData("Robert likes kiwis")]
    [InlineData("inconstant streetlamp")]
    [InlineData("2026 street market")]
    public void APasswordWithOtherWordsBesideThoseNames_IsAccepted(string password) =>
        Policy().Check(password, "rbalboa@frontstreet.test", "Robert Balboa", ["Front Street Inc"]).ShouldBeNull();

    [Fact]
    public void ShortWordsOfANameAlone_DoNotRefuseEverythingSpelledWithThem()
    {
        Policy().Check("a tale of two cities", "al@x.test", "Al O", ["A B C"]).ShouldBeNull();
    }

    [Fact]
    public void PersonalWords_AreThoseOfTheUserAtHand()
    {
        Policy().Check("lovelace1815", "someone@else.test", "Grace Hopper").ShouldBeNull();
    }

    [Fact]
    public void Error_NamesTheFieldItWasAskedFor()
    {
        Policy().Check("short", Email, Name, field: "new_password")!.Field.ShouldBe("new_password");
    }

    /// <summary>Uncommon text of any length: no repeats or runs, no words from the list.</summary>
    internal static string Varied(int length)
    {
        const string words = "kiwi lantern orbit quartz meadow falcon ember tundra ";
        return string.Concat(Enumerable.Repeat(words, length / words.Length + 1))[..length];
    }
}
