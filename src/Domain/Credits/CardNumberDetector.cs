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
                if (count is >= 13 and <= 19 && PassesLuhn(digits[..count]))
                {
                    return true;
                }

                count = 0;
            }
        }

        return false;
    }

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
