using Trading.Engine.Execution;
using Trading.Engine.Fees;
using Trading.Engine.Fills;
using Trading.Engine.MarketData;
using Trading.Engine.Primitives;
using Trading.Engine.Slippage;

namespace Trading.Engine.Tests.Execution;

/// <summary>Hand-checkable defaults: fixed 0.01% slippage, 0.1% fee with a 1.00 minimum, tick 0.01.</summary>
internal static class EngineFixture
{
    public const string Symbol = "BTCUSDT";

    public static AccountConfig Config(bool allowShorting = false, bool allowPartial = false, decimal leverage = 1m) => new()
    {
        AccountId = "paper-1",
        Currency = new Currency("USDT"),
        InitialCapital = 10_000m,
        FeeModel = new RateFeeModel(0.001m, 1m),
        SlippageModel = new FixedFractionSlippage(0.0001m),
        FillModel = new MarketFillModel(),
        AllowShorting = allowShorting,
        AllowPartialSize = allowPartial,
        Leverage = leverage,
        RandomSeed = 42,
    };

    public static DecisionRequest Decision(
        long id,
        DecisionAction action,
        decimal? quantity = null,
        decimal confidence = 0.9m,
        decimal? notional = null,
        OrderType type = OrderType.Market,
        string symbol = Symbol,
        decimal? currentPrice = null) =>
        new(id, symbol, action, confidence, null, quantity, notional, type, currentPrice, TestData.T0);

    public static Dictionary<string, InstrumentSpec> Instruments(params string[] symbols) =>
        (symbols.Length == 0 ? [Symbol] : symbols).ToDictionary(s => s, s => TestData.Spec(s));

    public static Dictionary<string, Quote> Quotes(decimal bid, decimal ask, DateTimeOffset? time = null) =>
        new() { [Symbol] = TestData.Quote(Symbol, bid, ask, time) };

    public static DecisionOutcome Run(AccountState state, DecisionRequest decision, Dictionary<string, Quote> quotes, DateTimeOffset? now = null) =>
        ExecutionEngine.Execute(state, [decision], quotes, Instruments(), now ?? TestData.T0).Outcomes.Single();
}
