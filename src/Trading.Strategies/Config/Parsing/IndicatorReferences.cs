namespace Trading.Strategies.Config.Parsing;

/// <summary>
/// Resolves a condition's <c>indicator</c>: an id first, else a name that only one indicator has (so the seed's
/// <c>"indicator": "rsi"</c> works without ids, and <c>"ema"</c> is refused when there are two of them).
/// </summary>
internal sealed class IndicatorReferences
{
    private readonly List<DeclaredIndicator> _declared = [];

    public IReadOnlyList<DeclaredIndicator> Declared => _declared;

    public DeclaredIndicator? FindId(string id) => _declared.Find(d => d.Id == id);

    public void Add(DeclaredIndicator indicator) => _declared.Add(indicator);

    /// <summary>The indicator <paramref name="reference"/> names, or null with the reason in <paramref name="problem"/>.</summary>
    public DeclaredIndicator? Resolve(string reference, out string problem)
    {
        problem = string.Empty;
        if (FindId(reference) is { } byId)
        {
            return byId;
        }

        var byName = _declared.FindAll(d => d.Name == reference);
        if (byName.Count == 1)
        {
            return byName[0];
        }

        problem = byName.Count > 1
            ? $"several indicators are named '{reference}'; refer to one by its id: {ConfigReader.List(byName.Select(d => d.Id))}."
            : $"names no indicator of this strategy; use an indicator's id or name ({ConfigReader.List(_declared.Select(d => d.Id))}) or 'price'.";
        return null;
    }
}
