using Trading.Engine.Primitives;

namespace Trading.Engine.Fees;

internal static class FeeGuards
{
    // Maker rebates (negative rates) are not modelled: a fee is a debit.
    public static void EnsureRate(decimal rate, string name)
    {
        if (rate is < 0m or >= 1m)
        {
            throw new ArgumentOutOfRangeException(name, rate, "A fee rate must lie in [0, 1).");
        }
    }

    public static void EnsureMinimum(decimal minimum, string name)
    {
        if (minimum < 0m)
        {
            throw new ArgumentOutOfRangeException(name, minimum, "A minimum fee must not be negative.");
        }
    }

    public static decimal Charge(decimal notional, decimal rate, decimal minimum) =>
        EngineMath.RoundMoney(Math.Max(Math.Abs(notional) * rate, minimum));
}
