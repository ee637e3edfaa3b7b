using GemPix.Domain.Accounts;

namespace GemPix.Domain.Tests.Accounts;

public sealed class PasswordRuleTests
{
    private const string Email = "ada.lovelace@example.org";
    private const string DisplayName = "Ada Lovelace";

    private static InvalidAccountField? Check(string password) => PasswordRule.Check(password, Email, DisplayName);

    [Theory]
    [InlineData("password")]
    [InlineData("12345678")]
    [InlineData("PASSWORD")]
    [InlineData("Password1")]
    [InlineData("qwertyuiop")]
    [InlineData("iloveyou")]
    [InlineData(" trustno1 ")]
    public void A_common_password_is_refused_whatever_its_case(string password)
    {
        var rejection = Check(password);

        rejection.Should().NotBeNull();
        rejection!.Code.Should().Be("invalid-password");
        rejection.Message.Should().Be("This password is on a list of commonly used and breached passwords; choose another.", "a reason never quotes the password");
    }

    [Theory]
    [InlineData("        ")]
    [InlineData("\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000")]
    [InlineData("\u00A0\u00A0\u00A0\u00A0 \u00A0\u00A0\u00A0")]
    public void A_password_of_only_whitespace_is_refused(string password) =>
        Check(password)!.Message.Should().Contain("only spaces");

    [Theory]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("€€€€€€€€")]
    public void One_character_repeated_is_refused(string password) =>
        Check(password)!.Message.Should().Contain("repeated");

    [Theory]
    [InlineData("ada.lovelace@example.org")]
    [InlineData(" Ada.Lovelace@Example.ORG ")]
    [InlineData("ada.lovelace")]
    [InlineData("ada lovelace")]
    public void The_account_s_own_email_its_local_part_or_display_name_is_refused(string password) =>
        Check(password)!.Message.Should().Contain("email address or display name");

    [Theory]
    [InlineData("short")]
    [InlineData("1234567")]
    [InlineData("😀😀😀😀")]
    public void Fewer_than_eight_characters_are_refused_counting_code_points(string password) =>
        Check(password)!.Message.Should().Contain("8 to 256 characters");

    [Fact]
    public void More_than_256_characters_are_refused() =>
        Check(string.Concat(Enumerable.Repeat("ab", 129))).Should().NotBeNull();

    [Fact]
    public void Control_characters_are_refused() =>
        Check("long enough\u0000pw").Should().NotBeNull();

    [Theory]
    [InlineData("correct horse battery staple")]
    [InlineData("long enough pw")]
    [InlineData("😀🎨🌈🐙😀🎨🌈🐙")]
    [InlineData("Tr0ub4dor&3 on a Tuesday")]
    [InlineData("        x")]
    public void Long_uncommon_passwords_with_spaces_or_any_script_are_accepted(string password) =>
        Check(password).Should().BeNull();

    [Fact]
    public void The_list_of_common_passwords_is_embedded_and_holds_ten_thousand()
    {
        CommonPasswords.Count.Should().Be(10_000);
        CommonPasswords.Contains("baseball").Should().BeTrue();
        CommonPasswords.Contains("correct horse battery staple").Should().BeFalse();
    }
}
