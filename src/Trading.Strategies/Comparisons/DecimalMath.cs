namespace Trading.Strategies.Comparisons;

/// <summary>Square roots in decimal, so ratios of decimal figures keep decimal's precision (PostgreSQL's numeric sqrt does too).</summary>
public static class DecimalMath
{
    public static decimal Sqrt(decimal value)
    {
        if (value < 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "no square root of a negative number");
        }

        if (value == 0m)
        {
            return 0m;
        }

        // Newton's iteration from the double estimate: each step doubles the correct digits; stop when it no longer moves.
        var x = (decimal)Math.Sqrt((double)value);
        for (var i = 0; i < 10; i++)
        {
            var next = (x + (value / x)) / 2m;
            if (next == x)
            {
                break;
            }

            x = next;
        }

        return x;
    }
}
