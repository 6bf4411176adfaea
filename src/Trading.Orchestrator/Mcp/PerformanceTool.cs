using System.ComponentModel;
using ModelContextProtocol.Server;

namespace Trading.Orchestrator.Mcp;

/// <summary>`performance`: the seed's metrics and promotion gates of one account.</summary>
[McpServerToolType]
public sealed class PerformanceTool(AgentDatabase database)
{
    [McpServerTool(Name = "performance", ReadOnly = true, OpenWorld = false)]
    [Description("""
        An account's performance over its whole history and the promotion gates: trades, win rate %, total net P&L, fees,
        average win/loss, profit factor, expectancy, Sharpe and Sortino (daily returns, ×√365), max drawdown %, days covered,
        return %. Gates (all must pass to promote a strategy to live): days >= 60, trades >= 20, win rate > 50 %, profit
        factor > 1.0, Sharpe > 1.0, max drawdown < 10 %. An undefined figure (no trades, fewer than two days) fails its gate.
        """)]
    public Task<PerformanceReport> PerformanceAsync(
        [Description("Account (default 'default').")] string? account = null,
        CancellationToken cancellationToken = default) =>
        ToolErrors.GuardAsync(database, () => AccountPerformance.ReadAsync(database, account ?? "default", cancellationToken));
}
