using System.Globalization;

namespace Trading.Strategies.Comparisons;

/// <summary>
/// Pairs each paper round trip with the backtest's from the same signal (entry key), splits each pair's net P&amp;L
/// difference into causes, lists what either side has alone with why, and bridges the backtest's net P&amp;L to paper's.
/// For a pair (d = +1 long, −1 short; q quantity; e, x entry and exit prices; paper − backtest as Δ):
/// <list type="bullet">
/// <item>fees: −Δfees;</item>
/// <item>quantity: d × (q_paper − q_backtest) × (x_backtest − e_backtest), partial fill when an order of the pair filled
///   only in part, else size;</item>
/// <item>each price cause c: d × q_paper × (Δexit_c − Δentry_c), from <see cref="PriceDifference"/>;</item>
/// <item>rounding: what is left of Δnet (prices rounded to 10 places, fills averaged), a fraction of a cent.</item>
/// </list>
/// So the causes sum exactly to Δnet, and the bridge's steps exactly to Σ paper net − Σ backtest net.
/// </summary>
public static class Reconciler
{
    public static Reconciliation Reconcile(ComparisonSide backtest, ComparisonSide paper)
    {
        ArgumentNullException.ThrowIfNull(backtest);
        ArgumentNullException.ThrowIfNull(paper);
        var b = RoundTrips(backtest);
        var p = RoundTrips(paper);

        var pairs = new List<TradePair>();
        var aloneBacktest = new List<UnmatchedTrade>();
        var alonePaper = new List<UnmatchedTrade>();
        foreach (var (key, trade) in p.Keyed)
        {
            if (b.Keyed.TryGetValue(key, out var other) && other.Side == trade.Side)
            {
                pairs.Add(Pair(key, other, trade));
            }
            else
            {
                alonePaper.Add(new UnmatchedTrade(paper.Name, trade, other is null ? Why(key, backtest) : $"the {backtest.Name} went {Word(other.Side)} on this signal"));
            }
        }

        var paired = pairs.Select(pair => pair.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var (key, trade) in b.Keyed.Where(k => !paired.Contains(k.Key)))
        {
            aloneBacktest.Add(new UnmatchedTrade(backtest.Name, trade,
                p.Keyed.TryGetValue(key, out var other) ? $"the {paper.Name} went {Word(other.Side)} on this signal" : Why(key, paper)));
        }

        alonePaper.AddRange(p.Unkeyed.Select(t => new UnmatchedTrade(paper.Name, t, "opened by no bar signal (a decision of no strategy session)")));
        aloneBacktest.AddRange(b.Unkeyed.Select(t => new UnmatchedTrade(backtest.Name, t, "opened by no bar signal")));

        var steps = new List<(DifferenceCause Cause, decimal Amount)>();
        steps.AddRange(pairs.SelectMany(pair => pair.Causes).Select(c => (c.Cause, c.Amount)));
        steps.Add((DifferenceCause.NoFill, -aloneBacktest.Sum(u => u.Trade.NetPnl)));
        steps.Add((DifferenceCause.ExtraTrade, alonePaper.Sum(u => u.Trade.NetPnl)));
        var byCause = steps.GroupBy(s => s.Cause).OrderBy(g => g.Key).Select(g => (Cause: g.Key, Amount: g.Sum(s => s.Amount)))
            .Where(s => s.Amount != 0m).ToList();
        var backtestNet = backtest.Trades.Sum(t => t.NetPnl);
        var paperNet = paper.Trades.Sum(t => t.NetPnl);
        var bridge = new PnlBridge(backtestNet, paperNet, []);
        var cents = CentAllocation.Allocate([.. byCause.Select(s => s.Amount)], bridge.DifferenceCents);
        bridge = bridge with { Steps = [.. byCause.Select((s, i) => new BridgeStep(s.Cause, s.Amount, cents[i]))] };

        return new Reconciliation(
            [.. pairs.OrderBy(x => x.Paper.EntryTime)],
            [.. aloneBacktest.OrderBy(u => u.Trade.EntryTime)],
            [.. alonePaper.OrderBy(u => u.Trade.EntryTime)],
            bridge);
    }

    private static TradePair Pair(string key, ComparedTrade backtest, ComparedTrade paper)
    {
        var direction = paper.Direction;
        var entry = PriceDifference.Between(backtest.Entry, paper.Entry, backtest.EntryPrice, paper.EntryPrice);
        var exit = PriceDifference.Between(backtest.Exit, paper.Exit, backtest.ExitPrice, paper.ExitPrice);
        var partial = new[] { backtest.Entry, backtest.Exit, paper.Entry, paper.Exit }.Any(f => f?.IsPartial == true);
        var causes = new List<CauseAmount>
        {
            new(DifferenceCause.Latency, direction * paper.Quantity * (exit.Latency - entry.Latency)),
            new(DifferenceCause.DifferentQuote, direction * paper.Quantity * (exit.DifferentQuote - entry.DifferentQuote)),
            new(DifferenceCause.Spread, direction * paper.Quantity * (exit.Spread - entry.Spread)),
            new(DifferenceCause.Slippage, direction * paper.Quantity * (exit.Slippage - entry.Slippage)),
            new(DifferenceCause.Fees, -(paper.Fees - backtest.Fees)),
            new(partial ? DifferenceCause.PartialFill : DifferenceCause.Size,
                direction * (paper.Quantity - backtest.Quantity) * (backtest.ExitPrice - backtest.EntryPrice)),
        };
        causes.Add(new CauseAmount(DifferenceCause.Rounding, paper.NetPnl - backtest.NetPnl - causes.Sum(c => c.Amount)));
        return new TradePair(key, backtest, paper, entry, exit, causes);
    }

    private static (Dictionary<string, ComparedTrade> Keyed, List<ComparedTrade> Unkeyed) RoundTrips(ComparisonSide side)
    {
        var keyed = side.Trades.Where(t => t.EntryKey is not null)
            .GroupBy(t => t.EntryKey!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => TradeMerge.Merge([.. g.OrderBy(t => t.ExitTime)]), StringComparer.Ordinal);
        return (keyed, [.. side.Trades.Where(t => t.EntryKey is null)]);
    }

    /// <summary>Why the other side has no round trip from this signal: what its decision on it became, or that it took none.</summary>
    private static string Why(string key, ComparisonSide other)
    {
        if (other.Signals is null)
        {
            return $"the {other.Name} has no trade from this signal (it records no decisions to say why)";
        }

        if (other.Signals.TryGetValue(key, out var outcome))
        {
            return string.Equals(outcome.Status, "executed", StringComparison.Ordinal)
                ? $"the {other.Name} executed this signal but closed no trade from it (still open at its end)"
                : $"no fill in the {other.Name}: its decision was {outcome.Status}" + (outcome.Reason is { Length: > 0 } r ? $" ({r})" : string.Empty);
        }

        var close = DateTimeOffset.Parse(key[(key.IndexOf(':', StringComparison.Ordinal) + 1)..], CultureInfo.InvariantCulture);
        return other.From is { } from && other.To is { } to && (close < from || close > to)
            ? $"outside the {other.Name}'s period ({from:u} to {to:u})"
            : $"the {other.Name} took no decision on this bar (its position or cool-down differed there)";
    }

    private static string Word(Engine.Primitives.PositionSide side) => side == Engine.Primitives.PositionSide.Long ? "long" : "short";
}
