using System.Globalization;

namespace Trading.Engine.Primitives;

/// <summary>A strictly positive price.</summary>
public readonly record struct Price
{
    public Price(decimal value)
    {
        if (value <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A price must be greater than zero.");
        }

        Value = value;
    }

    public decimal Value { get; }

    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
