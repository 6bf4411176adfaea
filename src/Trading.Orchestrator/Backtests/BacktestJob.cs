using Npgsql;
using Trading.Data.Backtests;
using Trading.Strategies.Backtesting;
using Trading.Strategies.Config;
using Trading.Strategies.Evaluation;

namespace Trading.Orchestrator.Backtests;

/// <summary>
/// One backtest, from run to stored run: a strategy over an input's quotes of [<see cref="WarmupFrom"/>,
/// <see cref="End"/>) with the given settings. What `trading backtest` and `trading compare` (a session's own period)
/// both do; <paramref name="SettingsJson"/> is the simulated account's settings as backtest_runs records them.
/// </summary>
public sealed record BacktestJob(
    StrategyConfig Config, BacktestSettings Settings, BacktestInput Input, DateTimeOffset WarmupFrom, DateTimeOffset End, string SettingsJson)
{
    /// <summary>Runs the strategy over the input (synchronous, CPU-bound); the recording keeps what <see cref="StoreAsync"/> writes.</summary>
    public BacktestSummary Run(BacktestRecording recording, IProgress<long>? progress, CancellationToken cancellationToken) =>
        new BacktestRunner(Settings, StrategyEvaluator.Create(Config), recording).Run(Input.Read(WarmupFrom, End), progress, End, cancellationToken);

    /// <summary>Stores the run and its recording in one transaction; returns its id and the row written.</summary>
    public async Task<(long Id, BacktestRun Run)> StoreAsync(
        NpgsqlDataSource dataSource, BacktestSummary summary, BacktestRecording recording, TimeSpan duration, LookAheadReport? lookAhead,
        CancellationToken cancellationToken)
    {
        var run = new BacktestRun(Config.Name, Config.CanonicalJson, Config.Checksum, Input.Source, Input.Path,
            await Input.ChecksumAsync(cancellationToken), Config.Symbols, Settings.ActFrom, End, WarmupFrom, SettingsJson, Settings.Latency,
            Settings.Account.RandomSeed, duration, summary, lookAhead);
        return (await BacktestStore.SaveAsync(dataSource, run, recording, cancellationToken), run);
    }
}
