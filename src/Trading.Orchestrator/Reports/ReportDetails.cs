namespace Trading.Orchestrator.Reports;

/// <summary>
/// What the report shows beside <see cref="PerformanceMetrics"/> and the curve: the account now, what happened in the
/// window (trades, fees, decisions), what it is compared with, and the settings that produced it. Exact values; the
/// page rounds them for display.
/// </summary>
public sealed record ReportDetails(
    ReportHeadline Headline,
    IReadOnlyList<ReportTrade> Trades,
    IReadOnlyList<ReportPosition> Positions,
    IReadOnlyList<ReportGroup> BySymbol,
    IReadOnlyList<ReportGroup> ByAgent,
    IReadOnlyList<ReportBenchmark> Benchmark,
    IReadOnlyList<ReportHistogramBin> Returns,
    IReadOnlyList<ReportDecisionCount> Decisions,
    IReadOnlyList<ReportReason> TopReasons,
    IReadOnlyList<ReportSetting> Settings)
{
    /// <summary>The benchmark as a curve at the equity curve's times (empty when no symbol has prices).</summary>
    public IReadOnlyList<(DateTimeOffset Time, decimal Value)> BenchmarkCurve { get; init; } = [];

    /// <summary>The account's P&amp;L under three fill models (null for a report without an account row).</summary>
    public RealismBand? RealismBand { get; init; }

    /// <summary>The trade list shows the latest this many trades of the window.</summary>
    public const int TradeListLimit = 100;

    /// <summary>The equal-weight buy-and-hold return of the symbols traded, in percent; null when no symbol has prices at both ends.</summary>
    public decimal? BenchmarkReturnPct =>
        Benchmark.Where(b => b.ReturnPct is not null).Select(b => b.ReturnPct!.Value).DefaultIfEmpty().Average() is var average
        && Benchmark.Any(b => b.ReturnPct is not null) ? Math.Round(average, 4) : null;
}

/// <summary>
/// The account now (equity, cash, unrealised P&amp;L of the open positions and their entry fees) and the window's
/// realised P&amp;L and fees paid. Fees paid are every fee debited in the window, also the entry fees of positions still
/// open, which no closed trade has yet carried. Total P&amp;L = equity - initial capital - net deposits (this epoch).
/// </summary>
public sealed record ReportHeadline(
    string Currency,
    decimal InitialCapital,
    decimal NetDeposits,
    decimal Equity,
    decimal Cash,
    decimal TotalPnl,
    decimal RealizedGross,
    decimal RealizedNet,
    decimal UnrealizedPnl,
    decimal OpenEntryFees,
    decimal FeesPaid,
    decimal GrossExposure);

/// <summary>One closed trade (a closing fill's quantity): prices exact, P&amp;L gross and net of its fees.</summary>
public sealed record ReportTrade(
    DateTimeOffset EntryTime, DateTimeOffset ExitTime, string Symbol, string Side, decimal Quantity, decimal EntryPrice, decimal ExitPrice,
    decimal GrossPnl, decimal Fees, decimal NetPnl, decimal ReturnPct, string? Agent, decimal? Tick, decimal? Lot);

/// <summary>An open position valued at the newest quote (mark null when there is none).</summary>
public sealed record ReportPosition(
    string Symbol, string Side, decimal Quantity, decimal EntryPrice, decimal? Mark, decimal? Value, decimal? UnrealizedPnl, decimal EntryFees,
    decimal? Tick, decimal? Lot);

/// <summary>Closed trades of one symbol or one agent: counts, gross P&amp;L, fees, net P&amp;L.</summary>
public sealed record ReportGroup(string Name, long Trades, long Wins, decimal GrossPnl, decimal Fees, decimal NetPnl);

/// <summary>Buying a symbol at the window's first quote and holding it to the last: its return, the benchmark.</summary>
public sealed record ReportBenchmark(string Symbol, decimal? StartPrice, decimal? EndPrice, decimal? ReturnPct, decimal? Tick);

/// <summary>Trades whose net return (percent of entry cost) is in [From, To).</summary>
public sealed record ReportHistogramBin(decimal From, decimal To, long Count);

/// <summary>Decisions created in the window with one status.</summary>
public sealed record ReportDecisionCount(string Status, long Count);

/// <summary>A frequent reason for a rejected or skipped decision, its figures replaced by # so that like reasons count together.</summary>
public sealed record ReportReason(string Status, string Reason, long Count, string Example);

/// <summary>One setting of the account (or a risk limit) as the page shows it.</summary>
public sealed record ReportSetting(string Name, string Value);
