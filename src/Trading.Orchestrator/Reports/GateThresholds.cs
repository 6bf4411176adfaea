namespace Trading.Orchestrator.Reports;

/// <summary>
/// Promotion thresholds. Defaults from the seed documents: 60 days of paper trading, at least 20 trades, win rate
/// above 50 %, profit factor above 1.0, Sharpe above 1.0, maximum drawdown below 10 %.
/// </summary>
public sealed record GateThresholds(
    decimal MinDays = 60m,
    long MinTrades = 20,
    decimal MinWinRate = 50m,
    decimal MinProfitFactor = 1.0m,
    decimal MinSharpe = 1.0m,
    decimal MaxDrawdownPct = 10m);
