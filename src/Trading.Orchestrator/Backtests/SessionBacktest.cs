using Npgsql;
using Trading.Data.Comparisons;
using Trading.Orchestrator.Comparisons;
using Trading.Strategies.Backtesting;
using Trading.Strategies.Comparisons;
using Trading.Strategies.Config;

namespace Trading.Orchestrator.Backtests;

/// <summary>
/// `trading compare` without --backtest: the session's own strategy (its stored config), backtested over the session's
/// own period on the stored quotes with its account's settings, risk limits and latency, stored as a run like any other.
/// The period is the session's start to its last bar acted on (half a bar on, so that bar's decisions find their quote
/// and no later bar closes).
/// </summary>
public sealed class SessionBacktest(TimeProvider time) : IBacktestForSession
{
    private const string LastBarSql = "SELECT last_bar_close FROM strategy_sessions WHERE session_id = $1";

    public async Task<(long? RunId, ComparisonSide Side)> RunAsync(NpgsqlDataSource dataSource, PaperSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(session);
        var parsed = StrategyConfigParser.Parse(session.ConfigJson);
        if (!parsed.IsValid)
        {
            throw new ComparisonException($"session {session.Id}'s config no longer validates: {string.Join("; ", parsed.Errors)}");
        }

        var config = parsed.Config!;
        var account = await BacktestAccount.ExistingAsync(dataSource, session.Account, cancellationToken)
            ?? throw new ComparisonException($"session {session.Id}'s account {session.Account} cannot be read by this login.");
        var (instruments, missing) = await BacktestAccount.InstrumentsAsync(dataSource, config.Symbols, cancellationToken);
        if (missing.Count > 0)
        {
            throw new ComparisonException($"no instrument rules for {string.Join(", ", missing)}.");
        }

        var start = session.ActFrom;
        await using var lastBar = dataSource.CreateCommand(LastBarSql);
        lastBar.Parameters.Add(new NpgsqlParameter { Value = session.Id });
        if (await lastBar.ExecuteScalarAsync(cancellationToken) is not DateTime lastUtc)
        {
            throw new ComparisonException($"session {session.Id} has not acted on a bar yet: there is nothing to compare.");
        }

        var end = new DateTimeOffset(lastUtc, TimeSpan.Zero) + (config.Timeframe / 2);

        var settings = new BacktestSettings(account.Config, instruments, account.Latency, start)
        {
            RiskLimits = await BacktestAccount.LimitsAsync(dataSource, session.Account, cancellationToken),
        };
        var job = new BacktestJob(config, settings, BacktestInput.Stored(dataSource, config.Symbols), start - (config.Timeframe * config.WarmUpBars), end,
            account.Json.ToJsonString());
        var recording = new BacktestRecording();
        var began = time.GetTimestamp();
        var summary = await Task.Run(() => job.Run(recording, null, cancellationToken), cancellationToken);
        var (id, _) = await job.StoreAsync(dataSource, summary, recording, time.GetElapsedTime(began), null, cancellationToken);
        var stored = await BacktestSideStore.LoadAsync(dataSource, id, cancellationToken)
            ?? throw new ComparisonException($"backtest run {id} was stored but cannot be read back by this login.");
        return (id, stored.Side);
    }
}
