using System.Globalization;
using Trading.Engine.Execution;
using Trading.Engine.MarketData;
using Trading.Engine.Orders.Resting;
using Trading.Engine.Positions;
using Trading.Engine.Primitives;
using Trading.Strategies.Bars;
using Trading.Strategies.Evaluation;

namespace Trading.Strategies.Backtesting;

/// <summary>
/// Runs a strategy over a stream of quotes through <see cref="ExecutionEngine"/>, in memory, the way a paper session in
/// replay mode runs it through the venue. Rules, in the order they apply to each quote:
/// <list type="number">
/// <item>Quotes come in time order (an older quote than the last is refused with <see cref="BacktestDataException"/>).</item>
/// <item>Bars are <c>strategy_bars()</c>'s (<see cref="BarBuilder"/>); a bar closes when the stream's clock reaches its
///   close time, so the strategy sees only quotes before the close. Bars of one close time are taken together, symbols
///   in ordinal order, each with the position the account holds then; the next close time waits until every decision
///   of the previous one has executed (as the session runner waits for its pending decisions).</item>
/// <item>A bar's decision is priced by the first quote of its symbol at or after the bar close + the latency (no
///   earlier: no look-ahead), in decision order; a later decision waits for an earlier one, as paper's do.</item>
/// <item>Working orders (brackets) meet every later quote of their symbol that can change them
///   (<see cref="OrderMatcher.MayAct"/>): the engine is called with that quote as the path, as the venue would.</item>
/// <item>Bars closing at or before <see cref="BacktestSettings.ActFrom"/> only warm the indicators up.</item>
/// </list>
/// Fills, fees, slippage, sizing, brackets/OCO, buying power and risk limits are the engine's (no stored depth: the walk
/// is synthetic, taken size stays taken; σ/V from the stream's own bars). Results go to the <see cref="IBacktestSink"/>
/// as they happen. Deterministic: the same quotes, strategy and settings give the same results.
/// </summary>
public sealed class BacktestRunner
{
    private const int ProgressEvery = 1 << 16;

    private readonly BacktestSettings settings;
    private readonly IStrategyLogic logic;
    private readonly IBacktestSink sink;
    private readonly string agent;
    private readonly Dictionary<string, SymbolBook> books = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Quote> latest = new(StringComparer.Ordinal);
    private readonly WorkingOrders working = new();
    private readonly DecisionQueue waiting = new();
    private readonly BarClock barClock;
    private readonly BacktestTally tally;
    private readonly BacktestRisk? risk;
    private readonly Trading.Engine.Liquidity.LiquidityLedger liquidity = new();
    private readonly Trading.Engine.Impact.ImpactWindow impact = new();
    private AccountConfig account;
    private decimal cash;
    private List<Position> positions = [];
    private DateTimeOffset clock = DateTimeOffset.MinValue;
    private DateTimeOffset? firstEvent;
    private long nextDecisionId = 1;
    private long events;
    private long bars;
    private long warmUpBars;
    private long leadInBars;
    private long engineCalls;

    public BacktestRunner(BacktestSettings settings, IStrategyLogic logic, IBacktestSink sink)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(logic);
        ArgumentNullException.ThrowIfNull(sink);
        if (settings.Latency < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings.Latency, "The latency must not be negative.");
        }

        this.settings = settings;
        this.logic = logic;
        this.sink = sink;
        agent = settings.Agent ?? "strategy:" + logic.Config.Name;
        account = settings.Account with { Latency = settings.Latency };
        cash = settings.Account.InitialCapital;
        foreach (var symbol in logic.Config.Symbols)
        {
            if (!settings.Instruments.ContainsKey(symbol))
            {
                throw new ArgumentException($"No instrument rules (tick, lot, minimum notional) for {symbol}.", nameof(settings));
            }

            books[symbol] = new SymbolBook(symbol, logic.Config.Timeframe);
        }

        barClock = new BarClock([.. books.Values]);
        tally = new BacktestTally(sink, books);
        risk = settings.RiskLimits.Count == 0 ? null : new BacktestRisk(settings.RiskLimits);
    }

    /// <summary>
    /// Runs the whole stream; <paramref name="progress"/> hears the count of events now and then. With
    /// <paramref name="end"/> (where the data was cut), the bars closing by then are decided on too, as
    /// <c>strategy_bars(…, through = end)</c> returns them; their decisions expire for want of a later quote.
    /// </summary>
    /// <exception cref="BacktestDataException">The stream is not in time order.</exception>
    public BacktestSummary Run(
        IEnumerable<MarketEvent> stream, IProgress<long>? progress = null, DateTimeOffset? end = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        foreach (var item in stream)
        {
            Add(item.Quote, item.Volume);
            if ((events & (ProgressEvery - 1)) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(events);
            }
        }

        progress?.Report(events);
        return Finish(end);
    }

    private void Add(Quote quote, decimal? volume)
    {
        var time = quote.Time;
        if (time < clock)
        {
            throw new BacktestDataException(string.Create(CultureInfo.InvariantCulture,
                $"quotes must come in time order: {quote.Symbol} at {time:O} came after {clock:O} (event {events + 1})"));
        }

        events++;
        clock = time;
        firstEvent ??= time;
        if (!books.TryGetValue(quote.Symbol, out var book))
        {
            return; // a symbol the strategy does not trade: counted, nothing else
        }

        if (barClock.Due(time))
        {
            barClock.Close(time);
        }

        // Bars that closed before this quote are decided on the account as it stood before it.
        if (waiting.Count == 0 && barClock.Closed.Count > 0)
        {
            EvaluateBars();
        }

        var pathDue = working.AnyMayAct(quote, account.SpreadFractionWhenLastOnly);
        latest[quote.Symbol] = quote;
        book.Bars.Add(time, quote.Last ?? quote.Mid!.Value, volume);
        impact.Observe(quote.Symbol, time, quote.Last ?? quote.Mid!.Value, volume);
        barClock.Extended(book);

        if (waiting.Count > 0)
        {
            waiting.Assign(quote);
        }

        while (true)
        {
            var ready = waiting.TakeReady();
            if (ready.Count == 0 && !pathDue)
            {
                return;
            }

            Execute(ready, pathDue ? quote : null);
            pathDue = false;
            if (waiting.Count > 0 || barClock.Closed.Count == 0)
            {
                return;
            }

            EvaluateBars();
            waiting.Assign(quote);
        }
    }

    /// <summary>Takes the closed bars one close time at a time until one gives decisions (the next waits for them).</summary>
    private void EvaluateBars()
    {
        var taken = 0;
        var closed = barClock.Closed;
        while (taken < closed.Count && waiting.Count == 0)
        {
            var close = closed[taken].CloseTime;
            RecordEquity(close);
            for (; taken < closed.Count && closed[taken].CloseTime == close; taken++)
            {
                Evaluate(closed[taken]);
            }
        }

        barClock.Taken(taken);
    }

    private void Evaluate(Bar bar)
    {
        bars++;
        var book = books[bar.Symbol];
        var held = positions.Find(p => p.Symbol == bar.Symbol);
        var position = held is null
            ? StrategyPosition.Flat with { LastExitAt = book.LastExit }
            : new StrategyPosition(held.Side, held.Quantity, held.OpenedAt, book.LastExit);
        var produced = logic.OnBar(bar, position);
        if (!logic.IsReady(bar.Symbol))
        {
            warmUpBars++;
        }

        if (bar.CloseTime <= settings.ActFrom)
        {
            leadInBars++;
            return;
        }

        foreach (var signal in produced)
        {
            var key = SignalKeys.For(signal.Symbol, bar.CloseTime);
            var id = nextDecisionId++;
            var request = SignalRequests.For(signal, bar, id, LatencyReadiness.Delay(account, id), agent);
            tally.Signal(request.Id, key, bar.CloseTime);
            waiting.Add(new PendingDecision(request, signal, key));
        }
    }

    private void Execute(List<PendingDecision> ready, Quote? pathQuote)
    {
        engineCalls++;
        var requests = ready.ConvertAll(p => p.Request with { LatencyQuote = p.Quote });
        var state = new AccountState(impact.Priced(account, books.Keys, clock), cash, positions, working.All) { Risk = risk?.For(clock), Liquidity = liquidity };
        var result = ExecutionEngine.Execute(state, requests, latest, settings.Instruments, clock, pathQuote is null ? [] : [pathQuote]);
        cash = result.Cash;
        positions = [.. result.Positions];
        if (result.HaltReason is { } halt)
        {
            account = account with { Halted = true, HaltReason = halt };
        }

        var real = working.Apply(result.Orders ?? []);
        foreach (var fill in result.Fills ?? [])
        {
            tally.Fill(fill with { OrderId = real(fill.OrderId) });
        }

        foreach (var (pending, outcome) in ready.Zip(result.Outcomes))
        {
            tally.Decision(new BacktestDecision(pending.Request.Id, pending.Key, pending.Signal, clock, outcome.Status, outcome.Reason));
        }
    }

    private void RecordEquity(DateTimeOffset time)
    {
        var value = PositionMarks.Value(positions, latest);
        var equity = cash + value;
        risk?.Observe(time, equity);
        sink.Equity(new EquityPoint(time, equity, cash, value, positions.Count));
    }

    private BacktestSummary Finish(DateTimeOffset? end)
    {
        if (end is { } through && through >= clock)
        {
            barClock.Close(through);
        }

        while (true)
        {
            // Decisions whose quote never came: the data ended first.
            foreach (var pending in waiting.TakeAll())
            {
                tally.Decision(new BacktestDecision(pending.Request.Id, pending.Key, pending.Signal, clock, DecisionStatus.Expired,
                    "no quote after the bar close + latency before the data ended"));
            }

            if (barClock.Closed.Count == 0)
            {
                break;
            }

            EvaluateBars();
        }

        if (events > 0)
        {
            RecordEquity(clock);
        }

        var value = PositionMarks.Value(positions, latest);
        return new BacktestSummary(
            events, firstEvent, events > 0 ? clock : null, bars, warmUpBars, leadInBars, tally.Signals, tally.Decisions, tally.Fills,
            tally.Trades, settings.Account.InitialCapital, cash, cash + value, tally.Fees, tally.Realized, positions.Count, account.HaltReason)
        {
            EngineCalls = engineCalls,
        };
    }
}
