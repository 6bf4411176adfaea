using System.Globalization;

namespace Trading.Engine.Primitives;

/// <summary>A non-negative quantity of an instrument; direction lives in the side, never in the sign.</summary>
public readonly record struct Quantity
{
    public Quantity(decimal value)
    {
        if (value < 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A quantity must not be negative.");
        }

        if (value.Scale > EngineMath.QuantityScale)
        {
            throw new ArgumentOutOfRangeException(
                nameof(value), value, $"A quantity may have at most {EngineMath.QuantityScale} decimal places.");
        }

        Value = value;
    }

    public decimal Value { get; }

    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
