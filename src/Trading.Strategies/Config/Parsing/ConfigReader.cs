using System.Globalization;
using System.Text.Json;

namespace Trading.Strategies.Config.Parsing;

/// <summary>
/// Reads typed values out of the config's JSON and collects every problem with its JSON path instead of stopping at the
/// first, so a user fixes a config in one round. A reader method returns null when the value is missing or wrong (and
/// has then said why, unless the value was optional and absent).
/// </summary>
internal sealed class ConfigReader
{
    private readonly List<StrategyConfigError> _errors = [];

    public IReadOnlyList<StrategyConfigError> Errors => _errors;

    public int ErrorCount => _errors.Count;

    public static string Child(string path, string key) =>
        key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? $"{path}.{key}" : $"{path}['{key.Replace("'", "\\'", StringComparison.Ordinal)}']";

    public static string Item(string path, int index) => $"{path}[{index.ToString(CultureInfo.InvariantCulture)}]";

    public static string List(IEnumerable<string> names) => string.Join(", ", names);

    public void Add(string path, string message) => _errors.Add(new StrategyConfigError(path, message));

    /// <summary>True when <paramref name="element"/> is an object; else says what <paramref name="what"/> should be.</summary>
    public bool ExpectObject(JsonElement element, string path, string what)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            return true;
        }

        Add(path, $"must be an object: {what}.");
        return false;
    }

    /// <summary>Reports every key not in <paramref name="allowed"/> and every key written twice.</summary>
    public void CheckKeys(JsonElement obj, string path, IReadOnlyList<string> allowed)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in obj.EnumerateObject())
        {
            var keyPath = Child(path, property.Name);
            if (!allowed.Contains(property.Name, StringComparer.Ordinal))
            {
                Add(keyPath, $"is not a known key here; allowed: {List(allowed)}.");
            }
            else if (!seen.Add(property.Name))
            {
                Add(keyPath, "appears more than once; give each key once.");
            }
        }
    }

    /// <summary>The value of <paramref name="key"/>, treating an explicit JSON null as absent.</summary>
    public static bool TryGet(JsonElement obj, string key, out JsonElement value) =>
        obj.TryGetProperty(key, out value) && value.ValueKind != JsonValueKind.Null;

    public string? ReadString(JsonElement obj, string path, string key, bool required, string allowed)
    {
        var keyPath = Child(path, key);
        if (!TryGet(obj, key, out var value))
        {
            if (required)
            {
                Add(keyPath, $"is required: {allowed}.");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            Add(keyPath, $"must be a non-empty string: {allowed}.");
            return null;
        }

        return value.GetString();
    }

    /// <summary>An optional number; <paramref name="isAllowed"/> false reports <paramref name="allowed"/>.</summary>
    public decimal? ReadNumber(JsonElement obj, string path, string key, Func<decimal, bool> isAllowed, string allowed)
    {
        if (!TryGet(obj, key, out var value))
        {
            return null;
        }

        return ReadNumber(value, Child(path, key), isAllowed, allowed);
    }

    public decimal? ReadNumber(JsonElement value, string path, Func<decimal, bool> isAllowed, string allowed)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var number) || !isAllowed(number))
        {
            Add(path, $"must be {allowed}.");
            return null;
        }

        return number;
    }

    /// <summary>An optional whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public int? ReadWhole(JsonElement obj, string path, string key, int min, int max, string meaning)
    {
        var number = ReadNumber(
            obj,
            path,
            key,
            n => IsWhole(n) && n >= min && n <= max,
            $"a whole number from {min} to {max} ({meaning})");
        return number is { } n ? (int)n : null;
    }

    public static bool IsWhole(decimal number) => number == decimal.Truncate(number);
}
