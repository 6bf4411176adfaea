using Npgsql;
using Trading.Data.Comparisons;
using Trading.Strategies.Comparisons;

namespace Trading.Orchestrator.Comparisons;

/// <summary>
/// Runs a backtest of a session's own strategy over the session's own period and quotes, for `trading compare` without
/// --backtest. The hook between the comparison and the backtest engine: the comparison needs only the side it returns.
/// </summary>
public interface IBacktestForSession
{
    Task<(long? RunId, ComparisonSide Side)> RunAsync(NpgsqlDataSource dataSource, PaperSession session, CancellationToken cancellationToken);
}
