using Trading.Engine.Execution;
using Trading.Engine.Primitives;

namespace Trading.Strategies.Backtesting;

/// <summary>
/// What a backtest reports as it happens: decisions, fills and the trades they close go to the sink, numbered, with the
/// bar signal behind each; the symbol books learn what is held, which signal opened it and when a trade last closed.
/// </summary>
internal sealed class BacktestTally(IBacktestSink sink, IReadOnlyDictionary<string, SymbolBook> books)
{
    private readonly Dictionary<long, (string Key, DateTimeOffset BarClose)> signals = [];

    public long Signals { get; private set; }

    public long Decisions { get; private set; }

    public long Fills { get; private set; }

    public long Trades { get; private set; }

    public decimal Fees { get; private set; }

    public decimal Realized { get; private set; }

    /// <summary>Remembers the signal behind a decision, for its fills and trades.</summary>
    public void Signal(long decisionId, string key, DateTimeOffset barClose)
    {
        Signals++;
        signals[decisionId] = (key, barClose);
    }

    public void Decision(BacktestDecision decision)
    {
        Decisions++;
        sink.Decision(decision);
    }

    public void Fill(ExecutedFill executed)
    {
        var book = books[executed.Symbol];
        string? key = null;
        DateTimeOffset? decidedAt = null;
        if (executed.DecisionId is { } id && signals.TryGetValue(id, out var signal))
        {
            (key, decidedAt) = signal;
        }

        var number = ++Fills;
        Fees += executed.Fill.Fee;
        sink.Fill(new BacktestFill(number, executed.OrderId, executed.DecisionId, key, decidedAt, executed));
        foreach (var trade in executed.Trades)
        {
            Trades++;
            Realized += trade.NetPnl;
            book.LastExit = trade.ExitTime;
            sink.Trade(new BacktestTrade(Trades, number, executed.OrderId, executed.DecisionId, key, book.EntrySignal, trade));
        }

        var before = book.Held;
        var after = before + (executed.Side == OrderSide.Buy ? executed.Fill.Quantity : -executed.Fill.Quantity);
        book.Held = after;
        if (after == 0m)
        {
            book.EntrySignal = null;
        }
        else if (before == 0m || Math.Sign(after) != Math.Sign(before))
        {
            book.EntrySignal = key;
        }
    }
}
