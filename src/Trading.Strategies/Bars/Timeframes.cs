namespace Trading.Strategies.Bars;

/// <summary>The timeframes a strategy may name ("1m" … "1d") and their lengths.</summary>
public static class Timeframes
{
    /// <summary>Every accepted name, shortest first (for error messages).</summary>
    public static IReadOnlyList<string> Names => throw new NotImplementedException();

    public static bool TryParse(string? text, out TimeSpan length) => throw new NotImplementedException();
}
