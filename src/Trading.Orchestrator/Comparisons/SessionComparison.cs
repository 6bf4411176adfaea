using Npgsql;
using Trading.Data.Comparisons;
using Trading.Strategies.Comparisons;

namespace Trading.Orchestrator.Comparisons;

/// <summary>
/// `trading compare` and the MCP `compare` tool: a strategy session's paper side against a stored backtest run (or one
/// run now through <see cref="IBacktestForSession"/>), compared by <see cref="StrategyComparison"/>. A live session's
/// snapshots and a backtest's bar-close equity run on the same (market) clock and are compared as recorded; a replay
/// session's snapshots are taken at wall-clock time, so both curves are then rebuilt from closed trades at their quotes'
/// times (<see cref="ComparisonSide.WithClosedTradeEquity"/>), the same construction on both sides.
/// </summary>
public static class SessionComparison
{
    public const string RecordedClock = "recorded equity (paper snapshots, backtest bar closes)";

    public const string ClosedTradeClock = "closed-trade equity at the quotes' times (a replay session's snapshots run on wall-clock time)";

    public static async Task<ComparisonReport> RunAsync(
        NpgsqlDataSource dataSource, long sessionId, long? runId, AssessmentThresholds thresholds, IBacktestForSession engine,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var loaded = await PaperSideStore.LoadAsync(dataSource, sessionId, cancellationToken)
            ?? throw new ComparisonException($"no strategy session {sessionId} that this login can see", notFound: true);
        var (session, paper) = loaded;
        var warnings = new List<string>();
        ComparisonSide backtest;
        long? run = runId;
        if (runId is { } id)
        {
            var stored = await LoadRunAsync(dataSource, id, cancellationToken);
            if (session.Checksum is not null && !string.Equals(stored.Checksum, session.Checksum, StringComparison.Ordinal))
            {
                warnings.Add($"backtest run {id} ran another config ({stored.Name}, checksum {stored.Checksum[..12]}…) than session {sessionId} ({session.Name}, {session.Checksum[..12]}…): differences include the strategy's own");
            }

            backtest = stored.Side;
        }
        else
        {
            (run, backtest) = await engine.RunAsync(dataSource, session, cancellationToken);
        }

        var clock = RecordedClock;
        if (session.IsReplay)
        {
            (backtest, paper, clock) = (backtest.WithClosedTradeEquity(), paper.WithClosedTradeEquity(), ClosedTradeClock);
        }

        if (string.Equals(session.Status, "running", StringComparison.Ordinal))
        {
            warnings.Add($"session {sessionId} is still running: its open positions are not in the figures until they close");
        }

        return new ComparisonReport(session, run, clock, backtest, paper, StrategyComparison.Of(backtest, paper, thresholds), warnings);
    }

    private static async Task<(string Name, string Checksum, ComparisonSide Side)> LoadRunAsync(NpgsqlDataSource dataSource, long id, CancellationToken cancellationToken)
    {
        try
        {
            return await BacktestSideStore.LoadAsync(dataSource, id, cancellationToken)
                ?? throw new ComparisonException($"no backtest run {id} that this login can see", notFound: true);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            throw new ComparisonException("this database stores no backtest runs (backtest_runs is missing: run `trading migrate`)");
        }
    }
}
