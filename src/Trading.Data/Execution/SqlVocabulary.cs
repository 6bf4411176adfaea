namespace Trading.Data.Execution;

/// <summary>
/// One enumeration's SQL spelling, both ways, declared once: every value has exactly one text (checked when built),
/// and a text the table does not know is an error, never a silent default.
/// </summary>
public sealed class SqlVocabulary<T>
    where T : struct, Enum
{
    private readonly Dictionary<T, string> texts;
    private readonly Dictionary<string, T> values;

    public SqlVocabulary(params (T Value, string Text)[] pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        texts = pairs.ToDictionary(p => p.Value, p => p.Text);
        values = pairs.ToDictionary(p => p.Text, p => p.Value, StringComparer.Ordinal);
        var missing = Enum.GetValues<T>().Where(v => !texts.ContainsKey(v)).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"{typeof(T).Name} has no SQL text for {string.Join(", ", missing)}.", nameof(pairs));
        }
    }

    /// <summary>Every text, in declaration order: what the column's CHECK constraint allows.</summary>
    public IReadOnlyCollection<string> Texts => values.Keys;

    public string Text(T value) =>
        texts.TryGetValue(value, out var text) ? text : throw new ArgumentOutOfRangeException(nameof(value), value, $"not a {typeof(T).Name}");

    public T Parse(string text) =>
        values.TryGetValue(text, out var value)
            ? value
            : throw new InvalidDataException($"unknown {typeof(T).Name} '{text}' (known: {string.Join(", ", values.Keys)})");
}
