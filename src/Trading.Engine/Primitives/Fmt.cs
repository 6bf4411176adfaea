using System.Globalization;

namespace Trading.Engine.Primitives;

/// <summary>Invariant number formats for reason texts: money to the cent, quantities without trailing zeros.</summary>
internal static class Fmt
{
    public static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Qty(decimal quantity) => quantity.ToString("0.############", CultureInfo.InvariantCulture);
}
