using Trading.Engine.Execution;
using Trading.Engine.Fees;
using Trading.Engine.Fills;
using Trading.Engine.MarketData;
using Trading.Engine.Positions;
using Trading.Engine.Primitives;
using Trading.Engine.Randomness;
using Trading.Engine.Slippage;

namespace Trading.Engine.Tests.Execution;

public class InvariantTests
{
    private static readonly string[] Symbols = ["BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT", "ADAUSDT"];

    [Fact]
    public void Execute_2000RandomDecisions_LedgerAndPnlInvariantsHoldExactly()
    {
        var config = new AccountConfig
        {
            AccountId = "invariant",
            Currency = new Currency("USDT"),
            InitialCapital = 100_000m,
            FeeModel = new MakerTakerFeeModel(0.0002m, 0.00075m, 0.5m),
            SlippageModel = new SeedSlippageModel(0.0005m),
            FillModel = new MarketFillModel(),
            AllowShorting = true,
            AllowPartialSize = true,
            Leverage = 2m,
            RandomSeed = 20_250_102,
        };
        var state = AccountState.Open(config);
        var instruments = Symbols.ToDictionary(
            s => s,
            s => new InstrumentSpec(s, s == "ADAUSDT" ? 0.0001m : 0.01m, s == "BTCUSDT" ? 0.00001m : 0.001m, 5m));
        var prices = new Dictionary<string, decimal>
        {
            ["BTCUSDT"] = 60_000m,
            ["ETHUSDT"] = 3_000m,
            ["SOLUSDT"] = 150m,
            ["XRPUSDT"] = 0.6m,
            ["ADAUSDT"] = 0.45m,
        };
        var rng = new DeterministicRandom(7UL);
        var now = TestData.T0;
        var quotes = new Dictionary<string, Quote>();
        var ledger = new List<LedgerEntry>();
        var trades = new List<ClosedTrade>();
        var executed = 0;
        long id = 0;

        for (var batch = 0; batch < 200; batch++)
        {
            now = now.AddSeconds(5);
            foreach (var symbol in Symbols)
            {
                var tick = instruments[symbol].TickSize;
                prices[symbol] = Math.Max(tick * 10m, Math.Round(prices[symbol] * rng.NextDecimal(0.98m, 1.02m), 4));
                var p = prices[symbol];
                quotes[symbol] = rng.NextDecimal() < 0.2m
                    ? new Quote(symbol, now, null, null, p)
                    : new Quote(symbol, now, Math.Round(p * 0.9999m, 4), Math.Round(p * 1.0001m, 4), p, 1m, 1m);
            }

            var decisions = Enumerable.Range(0, 10).Select(_ => RandomDecision(++id, rng, prices, now)).ToList();
            var result = ExecutionEngine.Execute(state, decisions, quotes, instruments, now);

            Assert.Equal(decisions.Count, result.Outcomes.Count);
            foreach (var outcome in result.Outcomes)
            {
                Assert.False(string.IsNullOrWhiteSpace(outcome.Reason));
                if (outcome.Order is { } order)
                {
                    executed++;
                    ledger.AddRange(order.Ledger);
                    trades.AddRange(order.Trades);
                }
            }

            Assert.All(state.Positions, p => Assert.True(p.Quantity > 0m));
        }

        var marks = quotes.ToDictionary(q => q.Key, q => q.Value.MarkPrice);
        var equity = state.Portfolio.Equity(marks);
        var unrealizedNet = state.Positions.Sum(p => p.UnrealizedNet(marks[p.Symbol]));

        Assert.True(executed > 500, $"only {executed} decisions executed");
        Assert.Contains(trades, t => t.Side == PositionSide.Short);
        Assert.Equal(config.InitialCapital + ledger.Sum(e => e.Amount), state.Cash);
        Assert.Equal(equity - config.InitialCapital, trades.Sum(t => t.NetPnl) + unrealizedNet);
    }

    private static DecisionRequest RandomDecision(long id, DeterministicRandom rng, Dictionary<string, decimal> prices, DateTimeOffset now)
    {
        var symbol = Symbols[(int)(rng.NextUInt64() % (ulong)Symbols.Length)];
        var action = (rng.NextUInt64() % 10UL) switch
        {
            < 4UL => DecisionAction.Buy,
            < 8UL => DecisionAction.Sell,
            8UL => DecisionAction.Close,
            _ => DecisionAction.Hold,
        };
        var confidence = Math.Round(rng.NextDecimal(0.5m, 1m), 2);
        decimal? risk = rng.NextDecimal() < 0.5m ? Math.Round(rng.NextDecimal(), 2) : null;
        decimal? quantity = null;
        decimal? notional = null;
        var sizing = rng.NextDecimal();
        if (sizing < 0.3m)
        {
            quantity = Math.Round(rng.NextDecimal(100m, 20_000m) / prices[symbol], 6);
        }
        else if (sizing < 0.6m)
        {
            notional = Math.Round(rng.NextDecimal(1m, 30_000m), 2);
        }

        return new DecisionRequest(id, symbol, action, confidence, risk, quantity, notional, OrderType.Market, prices[symbol], now);
    }
}
