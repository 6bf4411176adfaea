using Spectre.Console;
using Trading.Orchestrator.Cli;
using Trading.Strategies.Comparisons;

namespace Trading.Orchestrator.Comparisons;

/// <summary>`trading compare` on a terminal: seed 004's table and assessment, then the similarity, the pairs, the unmatched trades and the bridge.</summary>
public static class ComparisonText
{
    public static void Print(ComparisonReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var r = report.Result;
        var console = CliOutput.Console;
        var run = report.BacktestRunId is { } id ? $"backtest run {id}" : "a backtest run for this comparison";
        CliOutput.Table(
            $"Strategy Validation: {report.Session.Name} (session {report.Session.Id}, {report.Session.Mode}, against {run})",
            [.. ComparisonTable.Rows(r).Select(row => Row(("", row.Metric), ("Backtest", row.Backtest), ("Paper", row.Paper)))]);
        console.MarkupLine($"[bold]Assessment: {CliOutput.Escape(r.Assessment.VerdictName)}[/]. {CliOutput.Escape(r.Assessment.Recommendation)}");
        foreach (var caution in r.Assessment.Cautions.Concat(report.Warnings))
        {
            console.MarkupLine($"[yellow]caution:[/] {CliOutput.Escape(caution)}");
        }

        var t = r.Thresholds;
        console.MarkupLine(CliOutput.Escape(
            $"Tolerances (paper − backtest): win rate ±{t.WinRatePoints} points, PF ±{t.ProfitFactorRatio:P0} of the backtest's, " +
            $"max DD ±{t.DrawdownPoints} points, Sharpe ±{t.SharpeDifference}."));

        var s = r.Similarity;
        console.MarkupLine(CliOutput.Escape(
            $"Return path ({report.Clock}): correlation of daily returns {ComparisonTable.N(s.Correlation)} over {s.CommonDays} common days " +
            $"({Quality(s.CorrelationGood, $"good at ≥ {t.GoodCorrelation}")}); DTW distance {ComparisonTable.N(s.DtwDistance)} over {s.Points} points " +
            $"({Quality(s.DtwGood, $"good at ≤ {t.GoodDtwDistance}")})."));

        CliOutput.Table("Trades paired by signal (paper − backtest; price differences per unit)", [.. r.Reconciliation.Pairs.Select(p => Row(
            ("signal", p.Key),
            ("qty b/p", $"{ComparisonTable.N(p.Backtest.Quantity)} / {ComparisonTable.N(p.Paper.Quantity)}"),
            ("entry Δ", Difference(p.Entry)),
            ("exit Δ", Difference(p.Exit)),
            ("net Δ", ComparisonTable.N(p.NetDifference)),
            ("causes", string.Join(", ", p.Causes.Where(c => Math.Round(c.Amount, 2) != 0m).Select(c => $"{c.Name} {ComparisonTable.N(Math.Round(c.Amount, 2))}")))))]);
        CliOutput.Table("Unmatched trades", [.. r.Reconciliation.UnmatchedBacktest.Concat(r.Reconciliation.UnmatchedPaper).Select(u => Row(
            ("only in", u.Side),
            ("signal", u.Trade.EntryKey ?? "-"),
            ("net P&L", ComparisonTable.N(u.Trade.NetPnl)),
            ("why", u.Reason)))]);

        var bridge = r.Reconciliation.Bridge;
        var steps = new List<Dictionary<string, object?>> { Row(("step", "backtest net P&L"), ("amount", ComparisonTable.N(bridge.BacktestCents))) };
        steps.AddRange(bridge.Steps.Select(step => Row(("step", step.Name), ("amount", ComparisonTable.N(step.Cents)))));
        steps.Add(Row(("step", "paper net P&L"), ("amount", ComparisonTable.N(bridge.PaperCents))));
        CliOutput.Table($"P&L bridge, backtest → paper (difference {ComparisonTable.N(bridge.DifferenceCents)}; the steps sum to it to the cent)", steps);
    }

    private static string Difference(PriceDifference d)
    {
        var parts = new (string Name, decimal Value)[] { ("latency", d.Latency), ("quote", d.DifferentQuote), ("spread", d.Spread), ("slippage", d.Slippage) }
            .Where(p => p.Value != 0m).Select(p => $"{p.Name} {ComparisonTable.N(p.Value)}").ToList();
        return parts.Count == 0 ? "0" : $"{ComparisonTable.N(d.Total)} ({string.Join(", ", parts)})";
    }

    private static string Quality(bool? good, string rule) => good switch
    {
        true => "good, " + rule,
        false => "not good, " + rule,
        null => "not enough data",
    };

    private static Dictionary<string, object?> Row(params (string Name, object? Value)[] cells) =>
        cells.ToDictionary(c => c.Name, c => c.Value, StringComparer.Ordinal);
}
