namespace GemPix.Domain.Credits;

/// <summary>
/// Finds anything that looks like a payment card number: a whole run of 13 to 19 digits (spaces and dashes
/// allowed between them) that passes the Luhn check. We take payment references only, never card data.
/// </summary>
public static class CardNumberDetector
{
    public static bool ContainsCardNumber(string text)
    {
        Span<int> digits = stackalloc int[64];
        var count = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : '\0';
            if (char.IsAsciiDigit(c))
            {
                if (count < digits.Length)
                {
                    digits[count++] = c - '0';
                }
            }
            else if (c is ' ' or '-' && count > 0)
            {
                continue;
            }
            else
            {
                if (count is >= 13 and <= 19 && IsPaymentCardPrefix(digits[0]) && PassesLuhn(digits[..count]))
                {
                    return true;
                }

                count = 0;
            }
        }

        return false;
    }

    /// <summary>
    /// ISO/IEC 7812's major industry identifiers of payment cards: 2 to 6 (Mastercard's 2- and 5-series, Amex, JCB and
    /// Diners at 3, Visa at 4, Discover, UnionPay and Maestro at 6). A payment provider's reference such as
    /// <c>pi_75413334406845</c> may pass the Luhn check by chance; it is no card number.
    /// </summary>
    private static bool IsPaymentCardPrefix(int firstDigit) => firstDigit is >= 2 and <= 6;

    public static bool PassesLuhn(ReadOnlySpan<int> digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i];
            if (i % 2 == 1)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
        }

        return sum % 10 == 0;
    }
}
