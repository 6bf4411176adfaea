using System.Text.Json;
using Trading.Strategies.Conditions;
using Trading.Strategies.Indicators;

namespace Trading.Strategies.Config.Parsing;

/// <summary>
/// Reads a condition list: comparisons <c>{indicator, field, operator, value}</c> and groups <c>{"all": [...]}</c> /
/// <c>{"any": [...]}</c>, nestable; a top-level list means all, and a top-level object is one group or comparison.
/// Returns null (having said why) when anything is wrong.
/// </summary>
internal sealed class ConditionParser
{
    private const string ValueShape = "a number, a bar value (close, open, high, low, volume) or {\"indicator\": ..., \"field\": ...}";

    private static readonly string[] ComparisonKeys = ["indicator", "field", "operator", "value"];
    private static readonly string[] GroupKeys = ["all", "any"];
    private static readonly string[] OperandKeys = ["indicator", "field"];

    private readonly ConfigReader _reader;
    private readonly IndicatorReferences _references;

    public ConditionParser(ConfigReader reader, IndicatorReferences references)
    {
        _reader = reader;
        _references = references;
    }

    /// <summary>True once any parsed comparison is a crossing (it needs the previous bar's values).</summary>
    public bool UsesCrossing { get; private set; }

    /// <summary>The condition list under <paramref name="key"/>, or null; <paramref name="present"/> says whether the key was given.</summary>
    public Condition? ParseSection(JsonElement root, string key, out bool present)
    {
        var path = ConfigReader.Child("$", key);
        present = ConfigReader.TryGet(root, key, out var list);
        if (!present)
        {
            return null;
        }

        // A list means all of it; a single group or comparison object is taken as written.
        return list.ValueKind == JsonValueKind.Object ? ParseCondition(list, path) : ParseList(list, path);
    }

    private ConditionGroup? ParseList(JsonElement list, string path)
    {
        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            _reader.Add(path, $"must be a non-empty list of conditions: {{\"indicator\", \"field\", \"operator\", \"value\"}} or {{\"all\": [...]}} / {{\"any\": [...]}}.");
            return null;
        }

        var members = new List<Condition>();
        var failed = false;
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            if (ParseCondition(item, ConfigReader.Item(path, index++)) is { } condition)
            {
                members.Add(condition);
            }
            else
            {
                failed = true;
            }
        }

        return failed ? null : new ConditionGroup(RequiresAll: true, members);
    }

    private Condition? ParseCondition(JsonElement item, string path)
    {
        if (!_reader.ExpectObject(item, path, "a condition {\"indicator\", \"field\", \"operator\", \"value\"} or a group {\"all\": [...]} / {\"any\": [...]}"))
        {
            return null;
        }

        var hasAll = item.TryGetProperty("all", out var all);
        var hasAny = item.TryGetProperty("any", out var any);
        if (!hasAll && !hasAny)
        {
            return ParseComparison(item, path);
        }

        _reader.CheckKeys(item, path, GroupKeys);
        if (hasAll && hasAny)
        {
            _reader.Add(path, "a group has either \"all\" or \"any\", not both; nest one group inside the other.");
            return null;
        }

        var group = hasAll
            ? ParseList(all, ConfigReader.Child(path, "all"))
            : ParseList(any, ConfigReader.Child(path, "any"));
        return group is null ? null : new ConditionGroup(hasAll, group.Members);
    }

    private Comparison? ParseComparison(JsonElement item, string path)
    {
        var before = _reader.ErrorCount;
        _reader.CheckKeys(item, path, ComparisonKeys);
        var left = ParseOperand(item, path);

        var opName = _reader.ReadString(item, path, "operator", required: true, $"one of {ConfigReader.List(ComparisonOperators.Names)}");
        ComparisonOperator? op = null;
        if (opName is not null)
        {
            if (ComparisonOperators.TryParse(opName, out var parsed))
            {
                op = parsed;
            }
            else
            {
                _reader.Add(ConfigReader.Child(path, "operator"), $"'{opName}' is not a known operator; allowed: {ConfigReader.List(ComparisonOperators.Names)}.");
            }
        }

        var right = ParseRight(item, ConfigReader.Child(path, "value"));
        if (left is null || op is null || right is null || _reader.ErrorCount != before)
        {
            return null;
        }

        UsesCrossing |= ComparisonOperators.IsCrossing(op.Value);
        return new Comparison(left, op.Value, right);
    }

    private Operand? ParseRight(JsonElement item, string path)
    {
        if (!ConfigReader.TryGet(item, "value", out var value))
        {
            _reader.Add(path, $"is required: {ValueShape}.");
            return null;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                return _reader.ReadNumber(value, path, _ => true, ValueShape) is { } number ? new ConstantOperand(number) : null;
            case JsonValueKind.String when PriceOperand.Fields.Contains(value.GetString(), StringComparer.Ordinal):
                return new PriceOperand(value.GetString()!);
            case JsonValueKind.Object:
                _reader.CheckKeys(value, path, OperandKeys);
                return ParseOperand(value, path);
            default:
                _reader.Add(path, $"must be {ValueShape}.");
                return null;
        }
    }

    /// <summary>An <c>indicator</c> (id, unique name, or "price") with its <c>field</c> (default "value", or "close" for price).</summary>
    private Operand? ParseOperand(JsonElement obj, string path)
    {
        var reference = _reader.ReadString(obj, path, "indicator", required: true, "an indicator's id or name, or 'price'");
        var field = _reader.ReadString(obj, path, "field", required: false, "a field name");
        if (reference is null)
        {
            return null;
        }

        var fieldPath = ConfigReader.Child(path, "field");
        if (reference == PriceOperand.IndicatorName)
        {
            field ??= PriceOperand.Fields[0];
            if (PriceOperand.Fields.Contains(field, StringComparer.Ordinal))
            {
                return new PriceOperand(field);
            }

            _reader.Add(fieldPath, $"'{field}' is not a bar value; allowed: {ConfigReader.List(PriceOperand.Fields)}.");
            return null;
        }

        if (_references.Resolve(reference, out var problem) is not { } declared)
        {
            _reader.Add(ConfigReader.Child(path, "indicator"), $"'{reference}' {problem}");
            return null;
        }

        if (declared.Kind is null)
        {
            return null; // its unknown name is reported where it is declared
        }

        field ??= IndicatorFields.Value;
        if (!declared.Kind.Fields.Contains(field, StringComparer.Ordinal))
        {
            _reader.Add(fieldPath, $"'{field}' is not a field of {declared.Kind.Name}; allowed: {ConfigReader.List(declared.Kind.Fields)}.");
            return null;
        }

        return new IndicatorOperand(declared.Id, field);
    }
}
