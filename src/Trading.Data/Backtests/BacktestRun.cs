using Trading.Strategies.Backtesting;

namespace Trading.Data.Backtests;

/// <summary>
/// What a stored backtest run says about itself besides its results: the strategy, the data (source, path and
/// SHA-256 of a file), the range, the simulated account's settings (JSON, as `accounts` names them), latency, seed,
/// how long it took, its summary and the look-ahead check's report when one ran.
/// </summary>
public sealed record BacktestRun(
    string Name,
    string ConfigJson,
    string Checksum,
    string DataSource,
    string? DataPath,
    string? DataChecksum,
    IReadOnlyList<string> Symbols,
    DateTimeOffset From,
    DateTimeOffset To,
    DateTimeOffset WarmupFrom,
    string AccountSettingsJson,
    TimeSpan Latency,
    long RandomSeed,
    TimeSpan Duration,
    BacktestSummary Summary,
    LookAheadReport? LookAhead = null);
