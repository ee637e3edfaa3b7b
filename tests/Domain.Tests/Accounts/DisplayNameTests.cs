using GemPix.Domain.Accounts;
using NodaTime;

namespace GemPix.Domain.Tests.Accounts;

public sealed class DisplayNameTests
{
    private static readonly Guid Subject = Guid.NewGuid();
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 22, 10, 0);
    private static readonly AccountRegistered Registered = new(Subject, "ada@example.org", "Ada", "DE", new LocalDate(1990, 1, 1), Now);

    private static DeciderSpec<AccountState, AccountCommand> Spec() => new(AccountDecider.Decide, AccountDecider.Evolve, AccountDecider.Initial);

    private static RegisterAccount Named(string name) => new(Subject, "ada@example.org", name, "DE", new LocalDate(1990, 1, 1), Now);

    public static TheoryData<string> Invisible { get; } = new()
    {
        "\u202A", "\u202B", "\u202C", "\u202D", "\u202E", // embeddings and overrides
        "\u2066", "\u2067", "\u2068", "\u2069", // isolates
        "\u200E", "\u200F", "\u061C", // marks
        "\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", // zero-width
        "\u00AD", "\u2028", "\u2029", // a soft hyphen (Cf), line and paragraph separators
        "\u0007", "\u001B", "\u0085", // controls
        "\uE000", "\U000F0000", // private use
        "\u0378", "\U000E0080", // unassigned
    };

    [Theory]
    [MemberData(nameof(Invisible))]
    public void A_name_with_a_control_format_private_use_or_unassigned_character_is_refused_at_registration(string character) =>
        Spec().When(Named("Ada" + character + "Lovelace")).ThenRejects<InvalidAccountField>().Code.Should().Be("invalid-display-name");

    [Theory]
    [MemberData(nameof(Invisible))]
    public void The_same_rule_holds_on_rectification(string character) =>
        Spec().Given(Registered).When(new CorrectDisplayName("Ada" + character + "King", Now)).ThenRejects<InvalidAccountField>().Code.Should().Be("invalid-display-name");

    [Fact]
    public void Unpaired_surrogates_are_refused()
    {
        // Not theory data: the runner would serialise a lone surrogate as U+FFFD.
        Spec().When(Named("Ada\uD800Lovelace")).ThenRejects<InvalidAccountField>().Code.Should().Be("invalid-display-name");
        Spec().When(Named("Ada\uDC00")).ThenRejects<InvalidAccountField>().Code.Should().Be("invalid-display-name");
        Spec().Given(Registered).When(new CorrectDisplayName("\uDBFF", Now)).ThenRejects<InvalidAccountField>().Code.Should().Be("invalid-display-name");
    }

    [Fact]
    public void A_right_to_left_override_that_would_show_another_name_is_refused() =>
        Spec().When(Named("\u202Eecalevol adA")).ThenRejects<InvalidAccountField>();

    [Fact]
    public void A_name_is_recorded_in_normalisation_form_c()
    {
        Spec().When(Named(" Ame\u0301lie ")).Then(new AccountRegistered(Subject, "ada@example.org", "Am\u00E9lie", "DE", new LocalDate(1990, 1, 1), Now));
        Spec().Given(Registered).When(new CorrectDisplayName("Zoe\u0308", Now)).Then(new DisplayNameCorrected(Subject, "Zo\u00EB", Now));
    }

    [Theory]
    [InlineData("Ada Lovelace")]
    [InlineData("Ἀδά")]
    [InlineData("アダ・ラブレス")]
    [InlineData("عائشة")]
    [InlineData("אדה")]
    [InlineData("Ada 🎨")]
    [InlineData("O\u2019Brien-Smith")]
    public void Names_in_any_script_with_marks_and_emoji_are_accepted(string name) =>
        Spec().When(Named(name)).Then(new AccountRegistered(Subject, "ada@example.org", name, "DE", new LocalDate(1990, 1, 1), Now));

    [Fact]
    public void Whitespace_around_a_name_is_trimmed_and_a_name_of_only_whitespace_is_refused()
    {
        Spec().When(Named("\tAda\n")).Then(new AccountRegistered(Subject, "ada@example.org", "Ada", "DE", new LocalDate(1990, 1, 1), Now));
        Spec().When(Named(" \u3000 ")).ThenRejects<InvalidAccountField>().Code.Should().Be("invalid-display-name");
    }

    [Fact]
    public void The_length_is_counted_after_normalisation()
    {
        var hundredComposed = string.Concat(Enumerable.Repeat("e\u0301", 100));

        DisplayNameRule.Check(hundredComposed).Should().BeNull("NFC makes each pair one character");
        DisplayNameRule.Normalised(hundredComposed).Should().Be(new string('\u00E9', 100));
    }
}
