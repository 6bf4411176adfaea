using Trading.Strategies.Config;

namespace Trading.Strategies.Tests.Config;

public class StrategyConfigParserTests
{
    private const string RsiIndicator = "\"indicators\": [{\"name\": \"rsi\", \"params\": {\"period\": 14}}]";
    private const string RsiEntry = "\"entry_conditions\": [{\"indicator\": \"rsi\", \"field\": \"value\", \"operator\": \"lt\", \"value\": 30}]";
    private const string RsiExit = "\"exit_conditions\": [{\"indicator\": \"rsi\", \"operator\": \"gt\", \"value\": 70}]";

    [Fact]
    public void Parse_SeedRsiBounce_ValidWithSeedValues()
    {
        var result = StrategyConfigParser.Parse(SeedConfigs.RsiBounce);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var config = result.Config!;
        Assert.Equal("rsi_bounce_paper", config.Name);
        Assert.Equal(["BTC/USDT"], config.Symbols);
        Assert.Equal("4h", config.TimeframeName);
        Assert.Equal(TimeSpan.FromHours(4), config.Timeframe);
        Assert.Equal(StrategyDirection.Long, config.Direction);
        Assert.Equal(5m, config.StopLossPct);
        Assert.Equal(15m, config.TakeProfitPct);
        Assert.Null(config.TrailingStopPct);
        Assert.False(config.HasTrailingStop);
        Assert.Null(config.MaxBarsInTrade);
        Assert.Equal(0, config.CooldownBars);
        Assert.Equal(StrategySizing.Default, config.Sizing);
        Assert.Equal(0.8m, config.Sizing.Confidence);
        Assert.Equal(15, config.WarmUpBars);
        var rsi = Assert.Single(config.Indicators);
        Assert.Equal("rsi", rsi.Id);
        Assert.Equal(14m, rsi.Parameters["period"]);
    }

    [Fact]
    public void Parse_KeyOrderAndWhitespace_SameCanonicalJsonAndChecksum()
    {
        var compact = StrategyConfigParser.Parse(
            """{"take_profit_pct":15,"stop_loss_pct":5,"direction":"long","exit_conditions":[{"value":70,"operator":"gt","field":"value","indicator":"rsi"}],"entry_conditions":[{"value":30,"operator":"lt","field":"value","indicator":"rsi"}],"indicators":[{"params":{"period":14},"name":"rsi"}],"timeframe":"4h","symbols":["BTC/USDT"],"name":"rsi_bounce_paper"}""").Config!;
        var seed = StrategyConfigParser.Parse(SeedConfigs.RsiBounce).Config!;

        Assert.Equal(seed.Checksum, compact.Checksum);
        Assert.Equal(
            """{"direction":"long","entry_conditions":[{"field":"value","indicator":"rsi","operator":"lt","value":30}],"exit_conditions":[{"field":"value","indicator":"rsi","operator":"gt","value":70}],"indicators":[{"name":"rsi","params":{"period":14}}],"name":"rsi_bounce_paper","stop_loss_pct":5,"symbols":["BTC/USDT"],"take_profit_pct":15,"timeframe":"4h"}""",
            seed.CanonicalJson);
    }

    [Fact]
    public void Parse_Checksum_IsSha256HexOfCanonicalJson()
    {
        var config = StrategyConfigParser.Parse(SeedConfigs.RsiBounce).Config!;
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(config.CanonicalJson)));

        Assert.Equal(expected, config.Checksum);
        Assert.Equal(64, config.Checksum.Length);
    }

    [Fact]
    public void Parse_OneValueChanged_DifferentChecksum()
    {
        var seed = StrategyConfigParser.Parse(SeedConfigs.RsiBounce).Config!;
        var changed = StrategyConfigParser.Parse(SeedConfigs.RsiBounce.Replace("\"value\": 30", "\"value\": 25", StringComparison.Ordinal)).Config!;

        Assert.NotEqual(seed.Checksum, changed.Checksum);
    }

    [Fact]
    public void Parse_SeveralMistakes_EveryErrorWithItsPath()
    {
        var result = StrategyConfigParser.Parse(SeedConfigs.With("""
            "indicators": [{"name": "rsii", "params": {"period": 14}}, {"name": "sma", "params": {"period": 0, "length": 3}}],
            "entry_conditions": [{"indicator": "sma", "field": "upper", "operator": "below", "value": 30}],
            "direction": "sideways", "stop_loss_pct": 100, "take_profit_pct": 0, "colour": "red"
            """));

        Assert.False(result.IsValid);
        Assert.Null(result.Config);
        var byPath = result.Errors.ToDictionary(e => e.Path, e => e.Message);
        Assert.Equal(
            ["$.colour", "$.direction", "$.indicators[0].name", "$.indicators[1].params.length", "$.indicators[1].params.period",
             "$.entry_conditions[0].field", "$.entry_conditions[0].operator", "$.stop_loss_pct", "$.take_profit_pct", "$.exit_conditions"],
            result.Errors.Select(e => e.Path));
        Assert.Equal("'rsii' is not a known indicator; allowed: sma, ema, rsi, macd, bollinger, atr, stochastic, roc, vwap, volume_sma.", byPath["$.indicators[0].name"]);
        Assert.Equal("must be a whole number from 1 to 5000 (a count of bars).", byPath["$.indicators[1].params.period"]);
        Assert.Equal("is not a known key here; allowed: period.", byPath["$.indicators[1].params.length"]);
        Assert.Equal("'upper' is not a field of sma; allowed: value.", byPath["$.entry_conditions[0].field"]);
        Assert.Equal("'below' is not a known operator; allowed: lt, lte, gt, gte, crosses_above, crosses_below.", byPath["$.entry_conditions[0].operator"]);
        Assert.Equal("'sideways' is not a direction; allowed: long, short or both.", byPath["$.direction"]);
        Assert.Equal("must be a number greater than 0 and below 100 (percent of the entry price).", byPath["$.stop_loss_pct"]);
        Assert.StartsWith("is not a known key here; allowed: name, description, symbols, timeframe,", byPath["$.colour"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[\"BTC/USDT\"]", "[\"btc/usdt\"]", "$.symbols[0]")]
    [InlineData("[\"BTC/USDT\"]", "[]", "$.symbols")]
    [InlineData("[\"BTC/USDT\"]", "[\"BTC/USDT\", \"BTC/USDT\"]", "$.symbols[1]")]
    [InlineData("\"rsi_bounce_paper\"", "\"has space\"", "$.name")]
    [InlineData("\"period\": 14", "\"period\": 14.5", "$.indicators[0].params.period")]
    [InlineData("\"take_profit_pct\": 15", "\"take_profit_pct\": -1", "$.take_profit_pct")]
    public void Parse_OneBadValue_OneErrorAtItsPath(string find, string replacement, string path)
    {
        var error = Assert.Single(StrategyConfigParser.Parse(SeedConfigs.RsiBounce.Replace(find, replacement, StringComparison.Ordinal)).Errors);

        Assert.Equal(path, error.Path);
    }

    [Fact]
    public void Parse_TimeframeUnknown_MessageListsAllowed()
    {
        var error = Assert.Single(StrategyConfigParser.Parse(SeedConfigs.RsiBounce.Replace("\"4h\"", "\"7h\"", StringComparison.Ordinal)).Errors);

        Assert.Equal("$.timeframe: '7h' is not a timeframe bars are built for; allowed: 1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 8h, 12h, 1d.", error.ToString());
    }

    [Fact]
    public void Parse_NotJson_OneErrorAtRoot()
    {
        var error = Assert.Single(StrategyConfigParser.Parse("{\"name\": ").Errors);

        Assert.Equal("$", error.Path);
        Assert.StartsWith("is not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TwoEmasWithoutIds_DuplicateIdError()
    {
        var result = StrategyConfigParser.Parse(SeedConfigs.With("""
            "indicators": [{"name": "ema", "params": {"period": 12}}, {"name": "ema", "params": {"period": 26}}],
            "entry_conditions": [{"indicator": "ema", "operator": "gt", "value": 1}], "direction": "long", "stop_loss_pct": 5
            """));

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.indicators[1].id", error.Path);
        Assert.Equal("the id 'ema' is already taken by an earlier indicator; give each indicator its own id (e.g. ema_fast, ema_slow).", error.Message);
    }

    [Fact]
    public void Parse_AmbiguousNameReference_NamesTheIds()
    {
        var result = StrategyConfigParser.Parse(SeedConfigs.With("""
            "indicators": [{"name": "ema", "id": "ema_fast", "params": {"period": 12}}, {"name": "ema", "id": "ema_slow", "params": {"period": 26}}],
            "entry_conditions": [{"indicator": "ema", "operator": "gt", "value": {"indicator": "nope"}}], "direction": "long", "stop_loss_pct": 5
            """));

        Assert.Equal(
            [
                "$.entry_conditions[0].indicator: 'ema' several indicators are named 'ema'; refer to one by its id: ema_fast, ema_slow.",
                "$.entry_conditions[0].value.indicator: 'nope' names no indicator of this strategy; use an indicator's id or name (ema_fast, ema_slow) or 'price'.",
            ],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Parse_IdsGroupsPriceAndSizing_Valid()
    {
        var result = StrategyConfigParser.Parse(SeedConfigs.With("""
            "indicators": [{"name": "ema", "id": "ema_fast", "params": {"period": 12}}, {"name": "ema", "id": "ema_slow", "params": {"period": 26}},
                           {"name": "macd"}],
            "entry_conditions": [{"any": [
                {"indicator": "ema_fast", "operator": "crosses_above", "value": {"indicator": "ema_slow", "field": "value"}},
                {"all": [{"indicator": "price", "field": "close", "operator": "gt", "value": {"indicator": "ema_slow"}},
                         {"indicator": "macd", "field": "histogram", "operator": "gte", "value": 0}]}]}],
            "exit_conditions": [{"indicator": "ema_fast", "operator": "lt", "value": "close"}],
            "direction": "long", "trailing_stop_pct": 2.5, "max_bars_in_trade": 30, "cooldown_bars": 3,
            "sizing": {"confidence": 0.6, "risk_score": 0.2, "quantity": 0.01}
            """));

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var config = result.Config!;
        Assert.Equal(35, config.WarmUpBars); // macd 12/26/9 needs 34 bars, +1 for the crossing's previous bar
        Assert.Equal(2.5m, config.TrailingStopPct);
        Assert.True(config.HasTrailingStop);
        Assert.Equal(30, config.MaxBarsInTrade);
        Assert.Equal(3, config.CooldownBars);
        Assert.Equal(new StrategySizing(0.6m, 0.2m, 0.01m, null), config.Sizing);
        Assert.Equal(["ema_fast", "ema_slow", "macd"], config.Indicators.Select(i => i.Id));
        Assert.Equal(9m, config.Indicators[2].Parameters["signal"]);
    }

    [Fact]
    public void Parse_QuantityAndNotional_Error()
    {
        var result = StrategyConfigParser.Parse(SeedConfigs.With($"{RsiIndicator}, {RsiEntry}, {RsiExit}, \"direction\": \"long\", \"sizing\": {{\"quantity\": 1, \"notional\": 100}}"));

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.sizing", error.Path);
        Assert.Equal("gives both quantity and notional; give at most one of them (or neither, and the sizer decides).", error.Message);
    }

    [Fact]
    public void Parse_BothWithoutShortRules_ErrorsForShortSide()
    {
        var result = StrategyConfigParser.Parse(SeedConfigs.With($"{RsiIndicator}, {RsiEntry}, {RsiExit}, \"direction\": \"both\""));

        Assert.Equal(["$.short_entry_conditions", "$.short_exit_conditions"], result.Errors.Select(e => e.Path));
    }

    [Fact]
    public void Parse_ShortRulesWithLong_Error()
    {
        var result = StrategyConfigParser.Parse(SeedConfigs.With(
            $"{RsiIndicator}, {RsiEntry}, {RsiExit}, \"direction\": \"long\", \"short_entry_conditions\": [{{\"indicator\": \"rsi\", \"operator\": \"gt\", \"value\": 70}}]"));

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.short_entry_conditions", error.Path);
        Assert.Equal("is only for direction both; with long or short, entry_conditions and exit_conditions are that side's rules.", error.Message);
    }

    [Fact]
    public void Parse_MacdFastNotBelowSlow_ErrorAtParams()
    {
        var result = StrategyConfigParser.Parse(SeedConfigs.With(
            "\"indicators\": [{\"name\": \"macd\", \"params\": {\"fast\": 26, \"slow\": 12}}], \"entry_conditions\": [{\"indicator\": \"macd\", \"operator\": \"gt\", \"value\": 0}], \"direction\": \"long\", \"stop_loss_pct\": 2"));

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.indicators[0].params: fast must be shorter than slow (the macd line is fast EMA minus slow EMA).", error.ToString());
    }

    [Fact]
    public void Parse_UnknownPriceField_ErrorListsBarValues()
    {
        var result = StrategyConfigParser.Parse(SeedConfigs.With(
            $"{RsiIndicator}, \"entry_conditions\": [{{\"indicator\": \"price\", \"field\": \"mid\", \"operator\": \"gt\", \"value\": 1}}], {RsiExit}, \"direction\": \"long\""));

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.entry_conditions[0].field: 'mid' is not a bar value; allowed: close, open, high, low, volume.", error.ToString());
    }

    [Fact]
    public void Parse_NoWayOut_ExitConditionsRequired()
    {
        var result = StrategyConfigParser.Parse(SeedConfigs.With($"{RsiIndicator}, {RsiEntry}, \"direction\": \"long\""));

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.exit_conditions", error.Path);
    }
}
