namespace Trading.Strategies.Indicators;

/// <summary>
/// Every indicator a strategy may name, in one table: the parser validates against it and the evaluator builds from it,
/// so an indicator, parameter or field cannot be accepted by one and unknown to the other.
/// </summary>
internal static class IndicatorCatalog
{
    /// <summary>Periods beyond this are almost surely a typo, and each costs a ring buffer of that size per symbol.</summary>
    public const int MaxPeriod = 5000;

    private const string Period = "period";

    private static readonly string[] ValueOnly = [IndicatorFields.Value];

    private static readonly IndicatorKind[] Kinds =
    [
        Single("sma", 20, p => new Sma("sma", Bars(p, Period), bar => bar.Close)),
        Single("ema", 20, p => new Ema(Bars(p, Period))),
        Single("rsi", 14, p => new Rsi(Bars(p, Period))),
        new(
            "macd",
            [new("fast", 12m, true), new("slow", 26m, true), new("signal", 9m, true)],
            [IndicatorFields.Value, IndicatorFields.Macd, IndicatorFields.Signal, IndicatorFields.Histogram],
            p => new Macd(Bars(p, "fast"), Bars(p, "slow"), Bars(p, "signal")),
            p => p["fast"] < p["slow"] ? null : "fast must be shorter than slow (the macd line is fast EMA minus slow EMA)."),
        new(
            "bollinger",
            [new(Period, 20m, true), new("stddev", 2m, false)],
            [IndicatorFields.Value, IndicatorFields.Middle, IndicatorFields.Upper, IndicatorFields.Lower, IndicatorFields.PercentB, IndicatorFields.Width],
            p => new BollingerBands(Bars(p, Period), p["stddev"]),
            NoCheck),
        Single("atr", 14, p => new Atr(Bars(p, Period))),
        new(
            "stochastic",
            [new("k_period", 14m, true), new("d_period", 3m, true)],
            [IndicatorFields.Value, IndicatorFields.K, IndicatorFields.D],
            p => new Stochastic(Bars(p, "k_period"), Bars(p, "d_period")),
            NoCheck),
        Single("roc", 12, p => new RateOfChange(Bars(p, Period))),
        Single("vwap", 20, p => new Vwap(Bars(p, Period))),
        Single("volume_sma", 20, p => new Sma("volume_sma", Bars(p, Period), bar => bar.Volume)),
    ];

    private static readonly string[] NameList = Kinds.Select(k => k.Name).ToArray();

    public static IReadOnlyList<string> Names => NameList;

    public static IndicatorKind? Find(string name) => Array.Find(Kinds, k => k.Name == name);

    public static Indicator Create(string name, IReadOnlyDictionary<string, decimal> parameters) =>
        (Find(name) ?? throw new ArgumentOutOfRangeException(nameof(name), name, "Not an indicator in the catalog.")).Create(parameters);

    private static IndicatorKind Single(string name, int defaultPeriod, Func<IReadOnlyDictionary<string, decimal>, Indicator> create) =>
        new(name, [new(Period, defaultPeriod, true)], ValueOnly, create, NoCheck);

    private static string? NoCheck(IReadOnlyDictionary<string, decimal> parameters) => null;

    private static int Bars(IReadOnlyDictionary<string, decimal> parameters, string name) => (int)parameters[name];
}
