using Trading.Engine.Primitives;

namespace Trading.Engine.Orders.Resting;

/// <summary>
/// A stop-loss, take-profit or trailing distance with an explicit unit. There is deliberately no
/// "below 1 means percent" guess: a coin priced at 0.40 would make such a rule ambiguous.
/// </summary>
public readonly record struct ExitLevel
{
    public ExitLevel(decimal value, ExitLevelKind kind)
    {
        if (value <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "An exit level must be greater than zero.");
        }

        Value = value;
        Kind = kind;
    }

    public decimal Value { get; }

    public ExitLevelKind Kind { get; }

    public static ExitLevel AtPrice(decimal price) => new(price, ExitLevelKind.Price);

    public static ExitLevel AtFraction(decimal fraction) => new(fraction, ExitLevelKind.Fraction);

    public override string ToString() => Kind == ExitLevelKind.Price ? Fmt.Qty(Value) : $"{Fmt.Qty(Value * 100m)} %";
}
