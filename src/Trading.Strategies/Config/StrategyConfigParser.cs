using System.Text.Json;
using System.Text.RegularExpressions;
using Trading.Strategies.Bars;
using Trading.Strategies.Config.Parsing;
using Trading.Strategies.Indicators;

namespace Trading.Strategies.Config;

/// <summary>
/// Parses and validates a strategy config (JSON text) before anything starts. Seed 004's keys are read as the seed
/// writes them; the extensions (ids, groups, short side, sizing, trailing stop, time limit, cool-down) are optional.
/// Unknown keys are errors, so a typo never silently disables a rule.
/// </summary>
public static partial class StrategyConfigParser
{
    private const string Directions = "long, short or both";

    private static readonly string[] TopLevelKeys =
    [
        "name", "description", "symbols", "timeframe", "indicators", "entry_conditions", "exit_conditions",
        "short_entry_conditions", "short_exit_conditions", "direction", "stop_loss_pct", "take_profit_pct",
        "trailing_stop_pct", "max_bars_in_trade", "cooldown_bars", "sizing",
    ];

    public static StrategyValidation Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            return Invalid(new StrategyConfigError("$", $"is not valid JSON: {e.Message}"));
        }

        using (document)
        {
            var root = document.RootElement;
            var reader = new ConfigReader();
            if (!reader.ExpectObject(root, "$", "a strategy config {\"name\", \"symbols\", \"timeframe\", \"indicators\", ...}"))
            {
                return new StrategyValidation(null, reader.Errors);
            }

            reader.CheckKeys(root, "$", TopLevelKeys);
            var config = Build(reader, root);
            return reader.ErrorCount == 0 ? new StrategyValidation(config, []) : new StrategyValidation(null, reader.Errors);
        }
    }

    private static StrategyConfig? Build(ConfigReader reader, JsonElement root)
    {
        var name = ReadName(reader, root);
        var symbols = ReadSymbols(reader, root);
        var timeframeName = reader.ReadString(root, "$", "timeframe", required: true, $"one of {ConfigReader.List(Timeframes.Names)}");
        var timeframe = TimeSpan.Zero;
        if (timeframeName is not null && !Timeframes.TryParse(timeframeName, out timeframe))
        {
            reader.Add("$.timeframe", $"'{timeframeName}' is not a timeframe bars are built for; allowed: {ConfigReader.List(Timeframes.Names)}.");
        }

        var direction = ReadDirection(reader, root);
        var (indicators, references) = IndicatorSectionParser.Parse(reader, root);
        var conditions = new ConditionParser(reader, references);
        var entry = conditions.ParseSection(root, "entry_conditions", out var hasEntry);
        var exit = conditions.ParseSection(root, "exit_conditions", out var hasExit);
        var shortEntry = conditions.ParseSection(root, "short_entry_conditions", out var hasShortEntry);
        var shortExit = conditions.ParseSection(root, "short_exit_conditions", out var hasShortExit);

        var stopLoss = reader.ReadNumber(root, "$", "stop_loss_pct", n => n > 0m && n < 100m, "a number greater than 0 and below 100 (percent of the entry price)");
        var takeProfit = reader.ReadNumber(root, "$", "take_profit_pct", n => n > 0m, "a number greater than 0 (percent of the entry price)");
        var trailing = reader.ReadNumber(root, "$", "trailing_stop_pct", n => n > 0m && n < 100m, "a number greater than 0 and below 100 (percent of the best price since entry)");
        var maxBars = reader.ReadWhole(root, "$", "max_bars_in_trade", 1, 1_000_000, "bars a position may be held");
        var cooldown = reader.ReadWhole(root, "$", "cooldown_bars", 0, 1_000_000, "bars after an exit without a new entry");
        var sizing = SizingParser.Parse(reader, root);
        var description = reader.ReadString(root, "$", "description", required: false, "free text");

        if (!hasEntry)
        {
            reader.Add("$.entry_conditions", "is required: a non-empty list of conditions that open a position.");
        }

        var hasOtherExit = stopLoss is not null || takeProfit is not null || trailing is not null || maxBars is not null;
        if (!hasExit && !hasOtherExit)
        {
            reader.Add("$.exit_conditions", "is required unless stop_loss_pct, take_profit_pct, trailing_stop_pct or max_bars_in_trade closes positions: a strategy needs a way out.");
        }

        if (direction == StrategyDirection.Both)
        {
            if (!hasShortEntry)
            {
                reader.Add("$.short_entry_conditions", "is required with direction both: the conditions that open a short (entry_conditions open the long).");
            }

            if (!hasShortExit && !hasOtherExit)
            {
                reader.Add("$.short_exit_conditions", "is required with direction both unless a stop, take-profit or max_bars_in_trade closes positions.");
            }
        }
        else
        {
            NotWithout(reader, "short_entry_conditions", hasShortEntry);
            NotWithout(reader, "short_exit_conditions", hasShortExit);
        }

        if (reader.ErrorCount > 0)
        {
            return null;
        }

        var canonical = CanonicalJson.Write(root);
        var isShortOnly = direction == StrategyDirection.Short;
        return new StrategyConfig
        {
            Name = name!,
            Description = description,
            Symbols = symbols,
            TimeframeName = timeframeName!,
            Timeframe = timeframe,
            CanonicalJson = canonical,
            Checksum = CanonicalJson.Checksum(canonical),
            WarmUpBars = WarmUp(indicators, conditions.UsesCrossing),
            Direction = direction!.Value,
            Indicators = indicators,
            StopLossPct = stopLoss,
            TakeProfitPct = takeProfit,
            TrailingStopPct = trailing,
            MaxBarsInTrade = maxBars,
            CooldownBars = cooldown ?? 0,
            Sizing = sizing!,
            LongEntry = isShortOnly ? null : entry,
            LongExit = isShortOnly ? null : exit,
            ShortEntry = isShortOnly ? entry : shortEntry,
            ShortExit = isShortOnly ? exit : shortExit,
        };
    }

    private static int WarmUp(IReadOnlyList<IndicatorDefinition> indicators, bool usesCrossing)
    {
        var longest = indicators.Max(d => IndicatorCatalog.Create(d.Name, d.Parameters).WarmUpBars);

        // A crossing compares with the previous bar, which must itself have been defined.
        return usesCrossing ? longest + 1 : longest;
    }

    private static void NotWithout(ConfigReader reader, string key, bool present)
    {
        if (present)
        {
            reader.Add(ConfigReader.Child("$", key), "is only for direction both; with long or short, entry_conditions and exit_conditions are that side's rules.");
        }
    }

    private static string? ReadName(ConfigReader reader, JsonElement root)
    {
        const string allowed = "letters, digits, '_', '-' and '.', starting with a letter or digit, at most 64 (it becomes the agent 'strategy:<name>')";
        var name = reader.ReadString(root, "$", "name", required: true, allowed);
        if (name is not null && !NamePattern().IsMatch(name))
        {
            reader.Add("$.name", $"'{name}' is not a usable name: {allowed}.");
        }

        return name;
    }

    private static string[] ReadSymbols(ConfigReader reader, JsonElement root)
    {
        const string allowed = "a non-empty list of symbols written BASE/QUOTE in upper case, such as \"BTC/USDT\"";
        if (!ConfigReader.TryGet(root, "symbols", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            reader.Add("$.symbols", $"is required: {allowed}.");
            return [];
        }

        var symbols = new List<string>();
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var path = ConfigReader.Item("$.symbols", index++);
            var symbol = item.ValueKind == JsonValueKind.String ? item.GetString()! : null;
            if (symbol is null || !SymbolPattern().IsMatch(symbol))
            {
                reader.Add(path, $"must be a symbol written BASE/QUOTE in upper case, such as \"BTC/USDT\".");
            }
            else if (symbols.Contains(symbol, StringComparer.Ordinal))
            {
                reader.Add(path, $"'{symbol}' is listed twice; list each symbol once.");
            }
            else
            {
                symbols.Add(symbol);
            }
        }

        return [.. symbols];
    }

    private static StrategyDirection? ReadDirection(ConfigReader reader, JsonElement root)
    {
        var text = reader.ReadString(root, "$", "direction", required: true, Directions);
        StrategyDirection? direction = text switch
        {
            null => null,
            "long" => StrategyDirection.Long,
            "short" => StrategyDirection.Short,
            "both" => StrategyDirection.Both,
            _ => null,
        };
        if (text is not null && direction is null)
        {
            reader.Add("$.direction", $"'{text}' is not a direction; allowed: {Directions}.");
        }

        return direction;
    }

    private static StrategyValidation Invalid(StrategyConfigError error) => new(null, [error]);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Z0-9]{1,20}/[A-Z0-9]{1,20}$", RegexOptions.CultureInvariant)]
    private static partial Regex SymbolPattern();
}
