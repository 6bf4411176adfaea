namespace Trading.Engine.MarketData.Simulation;

/// <summary>
/// Price jumps: a Poisson process with <see cref="PerDay"/> jumps a day on average; each jump multiplies the price by
/// exp(J) with J normal (mean <see cref="MeanLogSize"/>, standard deviation <see cref="LogSizeVolatility"/>).
/// </summary>
public sealed record JumpSettings
{
    public JumpSettings(decimal perDay, decimal meanLogSize, decimal logSizeVolatility)
    {
        if (perDay <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(perDay), perDay, "The jump intensity must be positive.");
        }

        if (logSizeVolatility < 0m || Math.Abs(meanLogSize) > 1m || logSizeVolatility > 1m)
        {
            throw new ArgumentOutOfRangeException(
                nameof(logSizeVolatility), logSizeVolatility, "Jump sizes must stay within ±100% in log terms.");
        }

        PerDay = perDay;
        MeanLogSize = meanLogSize;
        LogSizeVolatility = logSizeVolatility;
    }

    public decimal PerDay { get; }

    public decimal MeanLogSize { get; }

    public decimal LogSizeVolatility { get; }

    /// <summary>Two jumps a day, symmetric, typically ±1%.</summary>
    public static JumpSettings Occasional { get; } = new(2m, 0m, 0.01m);
}
