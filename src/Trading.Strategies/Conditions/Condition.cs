namespace Trading.Strategies.Conditions;

/// <summary>A rule over the current (and, for crossings, the previous) bar: a comparison or an all/any group.</summary>
internal abstract record Condition;
