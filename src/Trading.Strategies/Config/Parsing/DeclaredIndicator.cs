using Trading.Strategies.Indicators;

namespace Trading.Strategies.Config.Parsing;

/// <summary>An entry of <c>indicators</c> as conditions see it; <see cref="Kind"/> is null when its name was unknown.</summary>
internal sealed record DeclaredIndicator(string Id, string Name, IndicatorKind? Kind);
