namespace Trading.Strategies.Indicators;

/// <summary>One parameter an indicator accepts, its default, and whether it counts bars (a whole number).</summary>
internal sealed record IndicatorParameter(string Name, decimal Default, bool CountsBars);
