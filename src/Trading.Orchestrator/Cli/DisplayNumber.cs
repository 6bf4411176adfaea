using System.Globalization;

namespace Trading.Orchestrator.Cli;

/// <summary>
/// How a number is shown to a person, in one place: money in the currency's minor unit (cents: 2 places, 0 for the
/// currencies that have none), a price to its instrument's tick, a quantity to its lot, a percent to 2 places, all with
/// thousands separators and rounded half away from zero. Only text for people goes through here: --json, the tables
/// and the views keep the exact values.
/// </summary>
public static class DisplayNumber
{
    private static readonly HashSet<string> NoMinorUnit = new(StringComparer.Ordinal) { "JPY", "KRW", "VND", "CLP", "ISK" };

    public static int CurrencyDecimals(string? currency) => currency is not null && NoMinorUnit.Contains(currency) ? 0 : 2;

    /// <summary>An amount of money: 1,234.57 (cents), "-" for none.</summary>
    public static string Money(decimal? value, string? currency = null) =>
        value is { } v ? Fixed(v, CurrencyDecimals(currency)) : "-";

    /// <summary>A gain or loss: +1,234.57, -12.30, 0.00.</summary>
    public static string SignedMoney(decimal? value, string? currency = null) =>
        value is > 0 ? "+" + Money(value, currency) : Money(value, currency);

    /// <summary>A price to the instrument's tick (0.01 → 2 places, 0.5 → 1); without a tick, its exact digits.</summary>
    public static string Price(decimal? value, decimal? tick) => Step(value, tick);

    /// <summary>A quantity to the instrument's lot (0.0001 → 4 places); without a lot, its exact digits.</summary>
    public static string Quantity(decimal? value, decimal? lot) => Step(value, lot);

    /// <summary>A percent: 12.35 %.</summary>
    public static string Percent(decimal? value) => value is { } v ? Fixed(v, 2) + " %" : "-";

    /// <summary>A plain figure (a ratio, a count per day): at most 2 places.</summary>
    public static string Figure(decimal? value) => value is { } v ? Math.Round(v, 2, MidpointRounding.AwayFromZero).ToString("#,0.##", CultureInfo.InvariantCulture) : "-";

    /// <summary>The places a step (tick or lot) has: 0.0100 → 2, 5 → 0.</summary>
    public static int Places(decimal step) => BitConverter.GetBytes(decimal.GetBits(step / 1.0000000000000000000000000000m)[3])[2];

    private static string Step(decimal? value, decimal? step) => value switch
    {
        null => "-",
        { } v when step is > 0 => Fixed(v, Places(step.Value)),
        { } v => CliRows.Trim(v).ToString("#,0.############", CultureInfo.InvariantCulture),
    };

    private static string Fixed(decimal value, int places)
    {
        var rounded = Math.Round(value, places, MidpointRounding.AwayFromZero);
        var text = rounded.ToString(places == 0 ? "#,0" : "#,0." + new string('0', places), CultureInfo.InvariantCulture);
        return text is "-0" or "-0.00" || (rounded == 0 && text.StartsWith('-')) ? text[1..] : text;
    }
}
