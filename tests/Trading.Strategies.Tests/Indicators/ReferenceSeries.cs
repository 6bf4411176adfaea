namespace Trading.Strategies.Tests.Indicators;

/// <summary>Published worked examples, as inputs; the expected outputs live in the tests that use them.</summary>
internal static class ReferenceSeries
{
    /// <summary>
    /// The 30 closes of StockCharts ChartSchool's "Moving Averages - Simple and Exponential" spreadsheet (10-day SMA and
    /// EMA example).
    /// </summary>
    public static readonly decimal[] StockChartsMovingAverageCloses =
    [
        22.27m, 22.19m, 22.08m, 22.17m, 22.18m, 22.13m, 22.23m, 22.43m, 22.24m, 22.29m,
        22.15m, 22.39m, 22.38m, 22.61m, 23.36m, 24.05m, 23.75m, 23.83m, 23.95m, 23.63m,
        23.82m, 23.87m, 23.65m, 23.19m, 23.10m, 23.33m, 22.68m, 23.10m, 22.40m, 22.17m,
    ];

    /// <summary>
    /// The 33 closes of StockCharts ChartSchool's RSI spreadsheet (14-period Wilder RSI), with the four decimals the
    /// spreadsheet carries; its RSI column starts at 70.53 on the 15th close.
    /// </summary>
    public static readonly decimal[] StockChartsRsiCloses =
    [
        44.3389m, 44.0902m, 44.1497m, 43.6124m, 44.2779m, 44.8264m, 45.0955m, 45.4245m, 45.8433m, 46.0826m,
        45.8931m, 46.0328m, 45.6140m, 46.2820m, 46.2820m, 46.0028m, 46.0328m, 46.4116m, 46.2222m, 45.6439m,
        46.2122m, 46.2521m, 45.7137m, 46.4515m, 45.7835m, 45.3548m, 44.0288m, 44.1783m, 44.2181m, 44.5672m,
        43.4205m, 42.6628m, 43.1314m,
    ];
}
