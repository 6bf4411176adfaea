namespace Trading.Strategies.Comparisons;

/// <summary>
/// The round trip of one signal: the trades a side closed from one entry (an exit in several fills closes it in several
/// rows) as one trade, quantities and money summed, prices and fill parts averaged by quantity.
/// </summary>
public static class TradeMerge
{
    public static ComparedTrade Merge(IReadOnlyList<ComparedTrade> trades)
    {
        ArgumentNullException.ThrowIfNull(trades);
        if (trades.Count == 1)
        {
            return trades[0];
        }

        if (trades.Count == 0 || trades.Select(t => (t.Symbol, t.Side)).Distinct().Count() != 1)
        {
            throw new ArgumentException("a round trip merges trades of one symbol and side, at least one");
        }

        var first = trades[0];
        var quantity = trades.Sum(t => t.Quantity);
        return first with
        {
            Quantity = quantity,
            EntryPrice = trades.Sum(t => t.EntryPrice * t.Quantity) / quantity,
            ExitPrice = trades.Sum(t => t.ExitPrice * t.Quantity) / quantity,
            EntryTime = trades.Min(t => t.EntryTime),
            ExitTime = trades.Max(t => t.ExitTime),
            GrossPnl = trades.Sum(t => t.GrossPnl),
            Fees = trades.Sum(t => t.Fees),
            NetPnl = trades.Sum(t => t.NetPnl),
            ExitKey = trades.Select(t => t.ExitKey).Distinct().Count() == 1 ? first.ExitKey : trades[^1].ExitKey,
            Entry = Fills(trades, t => t.Entry),
            Exit = Fills(trades, t => t.Exit),
        };
    }

    /// <summary>The fills behind the trades, weighted by the quantity each trade closed; null when any is unknown.</summary>
    private static ComparedFill? Fills(IReadOnlyList<ComparedTrade> trades, Func<ComparedTrade, ComparedFill?> fill)
    {
        if (trades.Any(t => fill(t) is null))
        {
            return null;
        }

        var weighted = trades.Select(t => (Fill: fill(t)!, Weight: t.Quantity)).ToList();
        var total = weighted.Sum(w => w.Weight);
        decimal Average(Func<ComparedFill, decimal> part) => weighted.Sum(w => part(w.Fill) * w.Weight) / total;
        var distinct = weighted.Select(w => w.Fill).Distinct().ToList();
        var signals = distinct.Select(f => f.SignalPrice).Distinct().ToList();
        return new ComparedFill(
            distinct.Sum(f => f.Quantity),
            distinct.Max(f => f.OrderedQuantity),
            Average(f => f.Price),
            Average(f => f.ReferencePrice),
            Average(f => f.Mid),
            signals.Count == 1 ? signals[0] : null,
            distinct.Max(f => f.QuoteTime),
            distinct.Sum(f => f.Fee),
            distinct.Sum(f => f.Notional),
            distinct.Sum(f => f.SlippageCost));
    }
}
