namespace Trading.Strategies.Indicators;

/// <summary>
/// The field names conditions may read. Each name is spelled here once; the indicators and the catalog refer to these
/// constants, so a field listed in an error message is always a field an indicator answers.
/// </summary>
internal static class IndicatorFields
{
    /// <summary>Every indicator's default field (MACD's line, Bollinger's middle band, Stochastic's %K).</summary>
    public const string Value = "value";

    public const string Macd = "macd";
    public const string Signal = "signal";
    public const string Histogram = "histogram";
    public const string Middle = "middle";
    public const string Upper = "upper";
    public const string Lower = "lower";
    public const string PercentB = "percent_b";
    public const string Width = "width";
    public const string K = "k";
    public const string D = "d";

}
