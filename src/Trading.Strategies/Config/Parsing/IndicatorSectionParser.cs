using System.Text.Json;
using System.Text.RegularExpressions;
using Trading.Strategies.Conditions;
using Trading.Strategies.Indicators;

namespace Trading.Strategies.Config.Parsing;

/// <summary>Reads <c>indicators: [{name, id?, params?}]</c> against <see cref="IndicatorCatalog"/>.</summary>
internal static partial class IndicatorSectionParser
{
    private static readonly string[] Keys = ["name", "id", "params"];

    public static (IReadOnlyList<IndicatorDefinition> Definitions, IndicatorReferences References) Parse(ConfigReader reader, JsonElement root)
    {
        const string path = "$.indicators";
        var definitions = new List<IndicatorDefinition>();
        var references = new IndicatorReferences();
        if (!ConfigReader.TryGet(root, "indicators", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            reader.Add(path, $"is required: a non-empty list of {{\"name\": ..., \"params\": {{...}}}} with names from {ConfigReader.List(IndicatorCatalog.Names)}.");
            return (definitions, references);
        }

        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var itemPath = ConfigReader.Item(path, index++);
            if (ParseOne(reader, item, itemPath, references) is { } definition)
            {
                definitions.Add(definition);
            }
        }

        return (definitions, references);
    }

    private static IndicatorDefinition? ParseOne(ConfigReader reader, JsonElement item, string path, IndicatorReferences references)
    {
        if (!reader.ExpectObject(item, path, "{\"name\": ..., \"id\": ..., \"params\": {...}}"))
        {
            return null;
        }

        reader.CheckKeys(item, path, Keys);
        var before = reader.ErrorCount;
        var name = reader.ReadString(item, path, "name", required: true, $"one of {ConfigReader.List(IndicatorCatalog.Names)}");
        var kind = name is null ? null : IndicatorCatalog.Find(name);
        if (name is not null && kind is null)
        {
            reader.Add(ConfigReader.Child(path, "name"), $"'{name}' is not a known indicator; allowed: {ConfigReader.List(IndicatorCatalog.Names)}.");
        }

        var id = ReadId(reader, item, path) ?? name;
        if (id is null)
        {
            return null;
        }

        if (references.FindId(id) is not null)
        {
            reader.Add(ConfigReader.Child(path, "id"), $"the id '{id}' is already taken by an earlier indicator; give each indicator its own id (e.g. ema_fast, ema_slow).");
        }
        else
        {
            // Declared even when its parameters are wrong, so conditions naming it report their own problems only.
            references.Add(new DeclaredIndicator(id, name ?? id, kind));
        }

        var parameters = kind is null ? null : ReadParameters(reader, item, ConfigReader.Child(path, "params"), kind);
        return parameters is null || reader.ErrorCount != before ? null : new IndicatorDefinition(id, kind!.Name, parameters);
    }

    private static string? ReadId(ConfigReader reader, JsonElement item, string path)
    {
        const string allowed = "letters, digits and underscores, starting with a letter, at most 64 (e.g. ema_fast), and not 'price'";
        var id = reader.ReadString(item, path, "id", required: false, allowed);
        if (id is not null && (!IdPattern().IsMatch(id) || id == PriceOperand.IndicatorName))
        {
            reader.Add(ConfigReader.Child(path, "id"), $"'{id}' is not a usable id: {allowed}.");
            return null;
        }

        return id;
    }

    private static Dictionary<string, decimal>? ReadParameters(ConfigReader reader, JsonElement item, string path, IndicatorKind kind)
    {
        var values = kind.Parameters.ToDictionary(p => p.Name, p => p.Default, StringComparer.Ordinal);
        if (!ConfigReader.TryGet(item, "params", out var parameters))
        {
            return values;
        }

        var allowedNames = kind.Parameters.Select(p => p.Name).ToArray();
        if (!reader.ExpectObject(parameters, path, $"the parameters of {kind.Name}: {ConfigReader.List(allowedNames)}"))
        {
            return null;
        }

        var before = reader.ErrorCount;
        reader.CheckKeys(parameters, path, allowedNames);
        foreach (var parameter in kind.Parameters)
        {
            var value = parameter.CountsBars
                ? reader.ReadWhole(parameters, path, parameter.Name, 1, IndicatorCatalog.MaxPeriod, "a count of bars")
                : reader.ReadNumber(parameters, path, parameter.Name, n => n > 0m, "a number greater than 0");
            if (value is { } v)
            {
                values[parameter.Name] = v;
            }
        }

        if (reader.ErrorCount != before)
        {
            return null;
        }

        if (kind.Check(values) is { } problem)
        {
            reader.Add(path, problem);
            return null;
        }

        return values;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
