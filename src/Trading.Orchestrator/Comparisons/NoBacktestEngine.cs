using Npgsql;
using Trading.Data.Comparisons;
using Trading.Strategies.Comparisons;

namespace Trading.Orchestrator.Comparisons;

/// <summary>The hook while this build has no backtest engine wired in: it says so and how to compare anyway.</summary>
public sealed class NoBacktestEngine : IBacktestForSession
{
    public Task<(long? RunId, ComparisonSide Side)> RunAsync(NpgsqlDataSource dataSource, PaperSession session, CancellationToken cancellationToken) =>
        throw new ComparisonException(
            $"this build cannot run a backtest of session {session?.Id} by itself: name a stored backtest run of the same " +
            "strategy (`trading compare --backtest RUN`, or backtest_run in the MCP compare tool; runs come from `trading backtest`).");
}
