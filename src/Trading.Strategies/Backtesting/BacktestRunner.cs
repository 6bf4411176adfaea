using Trading.Engine.Execution;
using Trading.Engine.MarketData;
using Trading.Engine.Orders.Resting;
using Trading.Engine.Positions;
using Trading.Engine.Primitives;
using Trading.Strategies.Bars;
using Trading.Strategies.Evaluation;

namespace Trading.Strategies.Backtesting;

/// <summary>
/// Runs a strategy over stored quotes through <see cref="ExecutionEngine"/>, in memory, as a paper session in replay mode
/// runs it through the venue: the same bars (<see cref="BarBuilder"/> = <c>strategy_bars()</c>), the same evaluator, each
/// bar's decision priced at the first quote at or after its close + the latency, and every quote after that matched
/// against the working orders (brackets) in time order before the next bar is evaluated. The engine's rules are the
/// paper venue's own (sizing, fills, fees, slippage, brackets/OCO, buying power); the quotes are streamed, so memory does
/// not grow with the history. Deterministic: the same inputs give the same result.
/// </summary>
public sealed class BacktestRunner
{
    private readonly BacktestSettings settings;
    private readonly IStrategyLogic logic;
    private readonly Dictionary<string, BarBuilder> builders;
    private readonly Dictionary<string, Quote> latest = new(StringComparer.Ordinal);
    private readonly Dictionary<long, RestingOrder> working = [];
    private readonly List<(DecisionRequest Request, StrategySignal Signal)> waiting = [];
    private readonly List<Quote> path = [];
    private readonly List<BacktestDecision> decisions = [];
    private readonly List<ExecutedFill> fills = [];
    private readonly List<EquityPoint> equity = [];
    private decimal cash;
    private List<Position> positions = [];
    private long nextDecisionId = 1;
    private long nextOrderId = 1;
    private long events;
    private long bars;
    private long warmUpBars;
    private BatchResult? last;

    public BacktestRunner(BacktestSettings settings, IStrategyLogic logic)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(logic);
        this.settings = settings;
        this.logic = logic;
        builders = logic.Config.Symbols.ToDictionary(s => s, s => new BarBuilder(s, logic.Config.Timeframe), StringComparer.Ordinal);
        cash = settings.Account.InitialCapital;
    }

    /// <summary>Runs the whole stream; <paramref name="progress"/> hears the count of events every 100,000.</summary>
    public BacktestResult Run(IEnumerable<MarketEvent> stream, IProgress<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        foreach (var item in stream)
        {
            Add(item);
            if (progress is not null && events % 100_000 == 0)
            {
                progress.Report(events);
            }
        }

        return new BacktestResult(decisions, fills, equity, cash, events, bars, warmUpBars);
    }

    private void Add(MarketEvent item)
    {
        var quote = item.Quote;
        events++;
        if (builders.TryGetValue(quote.Symbol, out var builder) && builder.Add(quote.Time, quote.Last ?? quote.MarkPrice, item.Volume) is { } bar)
        {
            OnBarClosed(bar);
        }

        latest[quote.Symbol] = quote;
        if (working.Values.Any(o => o.Symbol == quote.Symbol))
        {
            path.Add(quote);
        }

        var ready = waiting.Where(w => w.Request.Symbol == quote.Symbol && quote.Time >= w.Request.LatencyTarget).ToList();
        if (ready.Count == 0 && path.Count == 0)
        {
            return;
        }

        waiting.RemoveAll(w => ready.Contains(w));
        Execute([.. ready.Select(r => r.Request with { LatencyQuote = quote })], quote.Time);
        foreach (var (request, signal) in ready)
        {
            var outcome = last!.Outcomes.Single(o => o.DecisionId == request.Id);
            decisions.Add(new BacktestDecision(request.Id, request.CreatedAt, signal, outcome.Status, outcome.Reason));
        }
    }

    /// <summary>A bar closed: the strategy decides on it with the position the account holds now (every earlier quote applied).</summary>
    private void OnBarClosed(Bar bar)
    {
        bars++;
        var held = positions.FirstOrDefault(p => p.Symbol == bar.Symbol);
        var position = held is null
            ? StrategyPosition.Flat with { LastExitAt = LastExit(bar.Symbol) }
            : new StrategyPosition(held.Side, held.Quantity, held.OpenedAt, LastExit(bar.Symbol));
        var signals = logic.OnBar(bar, position);
        RecordEquity(bar.CloseTime);
        if (bar.CloseTime <= settings.ActFrom)
        {
            warmUpBars++;
            return;
        }

        foreach (var signal in signals)
        {
            waiting.Add((ToRequest(signal, bar), signal));
        }
    }

    private DateTimeOffset? LastExit(string symbol) =>
        fills.LastOrDefault(f => f.Symbol == symbol && f.Trades.Count > 0)?.Fill.Time;

    private DecisionRequest ToRequest(StrategySignal signal, Bar bar)
    {
        var bracket = signal.IsEntry && (signal.StopLossPct is not null || signal.TakeProfitPct is not null || signal.TrailingStopPct is not null)
            ? new BracketSpec(Level(signal.StopLossPct), Level(signal.TakeProfitPct), Level(signal.TrailingStopPct))
            : null;
        return new DecisionRequest(
            nextDecisionId++, signal.Symbol, signal.Action, signal.Confidence, signal.RiskScore, signal.Quantity, signal.Notional,
            OrderType.Market, bar.Close, bar.CloseTime, LatencyTarget: bar.CloseTime + settings.Latency,
            Agent: "strategy:" + logic.Config.Name, Bracket: bracket);
    }

    private static ExitLevel? Level(decimal? percent) => percent is { } p ? ExitLevel.AtFraction(p / 100m) : null;

    private void Execute(IReadOnlyList<DecisionRequest> requests, DateTimeOffset now)
    {
        var state = new AccountState(settings.Account, cash, positions, working.Values);
        var result = ExecutionEngine.Execute(state, requests, latest, settings.Instruments, now, [.. path]);
        path.Clear();
        last = result;
        cash = result.Cash;
        positions = [.. result.Positions];

        // The engine numbers new orders provisionally, as the database would; here they get their real ids in order.
        var real = new Dictionary<long, long>();
        foreach (var order in (result.Orders ?? []).Where(o => OrderIds.IsProvisional(o.Id)).OrderBy(o => o.Id))
        {
            real[order.Id] = nextOrderId++;
        }

        long Real(long id) => real.GetValueOrDefault(id, id);
        foreach (var order in result.Orders ?? [])
        {
            var renamed = order with { Id = Real(order.Id), OcoGroup = order.OcoGroup is { } group ? Real(group) : null };
            if (renamed.IsActive)
            {
                working[renamed.Id] = renamed;
            }
            else
            {
                working.Remove(renamed.Id);
            }
        }

        fills.AddRange((result.Fills ?? []).Select(f => f with { OrderId = Real(f.OrderId) }));
    }

    private void RecordEquity(DateTimeOffset time)
    {
        var marks = latest.ToDictionary(q => q.Key, q => q.Value.MarkPrice, StringComparer.Ordinal);
        var value = cash + positions.Sum(p => p.SignedQuantity * marks.GetValueOrDefault(p.Symbol, p.AverageEntryPrice));
        if (equity.Count > 0 && equity[^1].Time == time)
        {
            equity[^1] = new EquityPoint(time, value, cash);
        }
        else
        {
            equity.Add(new EquityPoint(time, value, cash));
        }
    }
}
