using Trading.Strategies.Comparisons;

namespace Trading.Orchestrator.Comparisons;

/// <summary>
/// The comparison as JSON (`trading compare --json`, the MCP `compare` tool): names, not enum numbers; seed 004's table
/// as rows of metric / backtest / paper; money and figures as exact decimals.
/// </summary>
public static class ComparisonJson
{
    public static Dictionary<string, object?> From(ComparisonReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var r = report.Result;
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["session"] = new { id = report.Session.Id, name = report.Session.Name, account = report.Session.Account, mode = report.Session.Mode, status = report.Session.Status, checksum = report.Session.Checksum },
            ["backtest_run_id"] = report.BacktestRunId,
            ["equity_clock"] = report.Clock,
            ["warnings"] = report.Warnings,
            ["table"] = ComparisonTable.Rows(r).Select(row => new { metric = row.Metric, backtest = row.Backtest, paper = row.Paper }),
            ["metrics"] = new { backtest = r.Backtest, paper = r.Paper },
            ["assessment"] = new
            {
                verdict = r.Assessment.VerdictName,
                recommendation = r.Assessment.Recommendation,
                cautions = r.Assessment.Cautions,
                findings = r.Assessment.Findings.Select(f => new
                {
                    metric = f.Metric,
                    backtest = f.Backtest,
                    paper = f.Paper,
                    difference = f.Difference,
                    tolerance = f.Tolerance,
                    outcome = f.Outcome is { } o ? Assessment.Name(o) : null,
                }),
                thresholds = r.Thresholds.Describe(),
            },
            ["similarity"] = r.Similarity,
            ["pairs"] = r.Reconciliation.Pairs.Select(p => new
            {
                signal = p.Key,
                symbol = p.Paper.Symbol,
                side = p.Paper.Direction > 0 ? "long" : "short",
                backtest = Trade(p.Backtest),
                paper = Trade(p.Paper),
                entry_price_difference = Difference(p.Entry),
                exit_price_difference = Difference(p.Exit),
                net_difference = p.NetDifference,
                causes = p.Causes.Where(c => c.Amount != 0m).ToDictionary(c => c.Name, c => c.Amount),
            }),
            ["unmatched"] = new
            {
                backtest = r.Reconciliation.UnmatchedBacktest.Select(Unmatched),
                paper = r.Reconciliation.UnmatchedPaper.Select(Unmatched),
            },
            ["bridge"] = new
            {
                backtest_net_pnl = r.Reconciliation.Bridge.BacktestNetPnl,
                paper_net_pnl = r.Reconciliation.Bridge.PaperNetPnl,
                difference = r.Reconciliation.Bridge.Difference,
                backtest_net_pnl_cents = r.Reconciliation.Bridge.BacktestCents,
                paper_net_pnl_cents = r.Reconciliation.Bridge.PaperCents,
                difference_cents = r.Reconciliation.Bridge.DifferenceCents,
                steps = r.Reconciliation.Bridge.Steps.Select(s => new { cause = s.Name, amount = s.Amount, cents = s.Cents }),
            },
        };
    }

    private static object Trade(ComparedTrade t) => new
    {
        quantity = t.Quantity,
        entry_price = t.EntryPrice,
        exit_price = t.ExitPrice,
        entry_time = t.EntryTime,
        exit_time = t.ExitTime,
        net_pnl = t.NetPnl,
        fees = t.Fees,
        exit_signal = t.ExitKey,
    };

    private static object Difference(PriceDifference d) => new
    {
        total = d.Total,
        latency = d.Latency,
        different_quote = d.DifferentQuote,
        spread = d.Spread,
        slippage = d.Slippage,
    };

    private static object Unmatched(UnmatchedTrade u) => new
    {
        signal = u.Trade.EntryKey,
        symbol = u.Trade.Symbol,
        side = u.Trade.Direction > 0 ? "long" : "short",
        quantity = u.Trade.Quantity,
        entry_time = u.Trade.EntryTime,
        exit_time = u.Trade.ExitTime,
        net_pnl = u.Trade.NetPnl,
        reason = u.Reason,
    };
}
