namespace Trading.Engine.MarketData.Simulation;

/// <summary>
/// Exp, Ln and Sqrt in decimal, accurate to about 24 significant digits: enough for price paths, and it keeps the
/// domain free of binary fractions (the same inputs give the same digits on every machine).
/// </summary>
public static class DecimalMath
{
    public const decimal Ln2 = 0.6931471805599453094172321215m;

    private const decimal Epsilon = 0.0000000000000000000000001m;

    /// <summary>e^x for |x| ≤ 60 (beyond that a decimal overflows or underflows to zero).</summary>
    public static decimal Exp(decimal x)
    {
        if (x is > 60m or < -60m)
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "Exp is defined here for |x| <= 60.");
        }

        if (x < 0m)
        {
            return 1m / Exp(-x);
        }

        // Halve until small, sum the series, square back: the series converges in a handful of terms.
        var halvings = 0;
        while (x > 0.125m)
        {
            x /= 2m;
            halvings++;
        }

        var sum = 1m;
        var term = 1m;
        for (var n = 1; n < 40; n++)
        {
            term = term * x / n;
            sum += term;
            if (term < Epsilon)
            {
                break;
            }
        }

        for (var i = 0; i < halvings; i++)
        {
            sum *= sum;
        }

        return sum;
    }

    /// <summary>The natural logarithm of a positive x.</summary>
    public static decimal Ln(decimal x)
    {
        if (x <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "Ln needs a positive argument.");
        }

        // x = m · 2^k with m in [0.75, 1.5), then ln m = 2·atanh((m − 1)/(m + 1)) converges fast.
        var k = 0;
        while (x >= 1.5m)
        {
            x /= 2m;
            k++;
        }

        while (x < 0.75m)
        {
            x *= 2m;
            k--;
        }

        var y = (x - 1m) / (x + 1m);
        var y2 = y * y;
        var term = y;
        var sum = 0m;
        for (var n = 1; n < 200; n += 2)
        {
            var add = term / n;
            sum += add;
            if (Math.Abs(add) < Epsilon)
            {
                break;
            }

            term *= y2;
        }

        return (2m * sum) + (k * Ln2);
    }

    /// <summary>The square root of a non-negative x (Newton's method).</summary>
    public static decimal Sqrt(decimal x)
    {
        if (x < 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "Sqrt needs a non-negative argument.");
        }

        if (x == 0m)
        {
            return 0m;
        }

        // Scale into [1, 4) by powers of four so that Newton starts close and needs few steps.
        var scale = 1m;
        while (x >= 4m)
        {
            x /= 4m;
            scale *= 2m;
        }

        while (x < 1m)
        {
            x *= 4m;
            scale /= 2m;
        }

        var r = (x + 1m) / 2m;
        for (var i = 0; i < 10; i++)
        {
            var next = (r + (x / r)) / 2m;
            if (Math.Abs(next - r) < Epsilon)
            {
                r = next;
                break;
            }

            r = next;
        }

        return r * scale;
    }
}
