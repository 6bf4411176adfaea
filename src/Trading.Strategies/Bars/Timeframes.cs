namespace Trading.Strategies.Bars;

/// <summary>The timeframes a strategy may name ("1m" … "1d") and their lengths.</summary>
public static class Timeframes
{
    // One table, shortest first: the names, their order in messages and their lengths cannot drift apart.
    private static readonly (string Name, TimeSpan Length)[] Table =
    [
        ("1m", TimeSpan.FromMinutes(1)),
        ("3m", TimeSpan.FromMinutes(3)),
        ("5m", TimeSpan.FromMinutes(5)),
        ("15m", TimeSpan.FromMinutes(15)),
        ("30m", TimeSpan.FromMinutes(30)),
        ("1h", TimeSpan.FromHours(1)),
        ("2h", TimeSpan.FromHours(2)),
        ("4h", TimeSpan.FromHours(4)),
        ("6h", TimeSpan.FromHours(6)),
        ("8h", TimeSpan.FromHours(8)),
        ("12h", TimeSpan.FromHours(12)),
        ("1d", TimeSpan.FromDays(1)),
    ];

    /// <summary>Where the bar grid starts: every bar opens a whole number of timeframes after it (strategy_bars, 0013).</summary>
    public static readonly DateTimeOffset Origin = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The open time of the bar <paramref name="time"/> falls in (the bucket strategy_bars puts it in).</summary>
    public static DateTimeOffset OpenOf(TimeSpan timeframe, DateTimeOffset time)
    {
        var elapsed = (time - Origin).Ticks;
        var bars = elapsed >= 0 ? elapsed / timeframe.Ticks : ((elapsed + 1) / timeframe.Ticks) - 1;
        return Origin + (timeframe * bars);
    }

    /// <summary>The first bar close strictly after <paramref name="now"/>.</summary>
    public static DateTimeOffset NextClose(TimeSpan timeframe, DateTimeOffset now) => OpenOf(timeframe, now) + timeframe;

    private static readonly string[] NameList = Table.Select(t => t.Name).ToArray();

    /// <summary>Every accepted name, shortest first (for error messages).</summary>
    public static IReadOnlyList<string> Names => NameList;

    /// <summary>Reads a name exactly as listed in <see cref="Names"/> (case-sensitive: "1M" is not a minute).</summary>
    public static bool TryParse(string? text, out TimeSpan length)
    {
        foreach (var (name, span) in Table)
        {
            if (string.Equals(name, text, StringComparison.Ordinal))
            {
                length = span;
                return true;
            }
        }

        length = TimeSpan.Zero;
        return false;
    }
}
