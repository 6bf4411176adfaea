namespace Trading.Strategies.Indicators;

/// <summary>
/// What a config may say about one indicator name: its parameters, the fields conditions may read, how to build it,
/// and any rule between parameters (<see cref="Check"/> returns a sentence when they do not fit together).
/// </summary>
internal sealed record IndicatorKind(
    string Name,
    IReadOnlyList<IndicatorParameter> Parameters,
    IReadOnlyList<string> Fields,
    Func<IReadOnlyDictionary<string, decimal>, Indicator> Create,
    Func<IReadOnlyDictionary<string, decimal>, string?> Check);
