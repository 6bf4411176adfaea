using System.ComponentModel;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Server;
using Npgsql;
using NpgsqlTypes;
using Trading.Orchestrator.Cli;
using Trading.Orchestrator.Comparisons;
using Trading.Strategies.Comparisons;
using Trading.Strategies.Config;

namespace Trading.Orchestrator.Mcp;

/// <summary>
/// Seed 004's paper lifecycle: `start_paper`, `paper_status`, `stop_paper`, `compare`, over the SQL functions an agent
/// with psql uses (start_strategy, stop_strategy, v_strategy_sessions). The session trades while `trading run` runs.
/// </summary>
[McpServerToolType]
public sealed class StrategyTools(AgentDatabase database, IBacktestForSession backtests)
{
    [McpServerTool(Name = "start_paper", Destructive = false, Idempotent = false, OpenWorld = false)]
    [Description("""
        Start a strategy as a paper-trading session and return its session_id. strategy_config is seed 004's JSON (an object,
        or the same as a string): name, symbols, timeframe (e.g. "4h"), indicators [{name, params}], entry_conditions and
        exit_conditions [{indicator, field, operator (lt, gt, crosses_above ...), value}], direction (long, short, both),
        stop_loss_pct, take_profit_pct. It is validated first: every error names its JSON path. The session trades its own
        account (default strategy-<name>, created with `capital` or 10000) on each closed bar while `trading run` runs;
        one running session per account. Watch it with `paper_status`, end it with `stop_paper`.
        """)]
    public Task<StartedSession> StartPaperAsync(
        [Description("The strategy config: a JSON object (or a string holding one) in seed 004's format.")] JsonElement strategy_config,
        [Description("Account to trade (default strategy-<name>).")] string? account = null,
        [Description("Initial capital when the session's account is new (default 10000); refused for an existing account.")] decimal? capital = null,
        [Description("live (default): act on bars as they close. replay: act on stored bars after `from`, each priced at the quote after its close.")] string mode = "live",
        [Description("Act on bars closing after this time (ISO 8601; default now).")] DateTimeOffset? from = null,
        CancellationToken cancellationToken = default) =>
        ToolErrors.GuardAsync(database, async () =>
        {
            var config = Validate(strategy_config);
            await using var start = database.DataSource.CreateCommand("SELECT start_strategy($1::jsonb, $2, $3, $4, $5)");
            start.Parameters.Add(CliParameters.Text(config.CanonicalJson));
            start.Parameters.Add(CliParameters.Text(account));
            start.Parameters.Add(CliParameters.Number(capital));
            start.Parameters.Add(CliParameters.Text(mode));
            start.Parameters.Add(CliParameters.Timestamp(from?.ToUniversalTime()));
            var id = (long)(await start.ExecuteScalarAsync(cancellationToken))!;
            var session = await SessionAsync(id, cancellationToken);
            return new StartedSession(id, (string)session["account"]!, config.Name, config.TimeframeName, config.Symbols, config.Checksum);
        });

    [McpServerTool(Name = "paper_status", ReadOnly = true, OpenWorld = false)]
    [Description("""
        A paper session's status (running, stopped, failed, with the reason), the bars it acted on, its decisions, trades,
        open positions and running P&L (realized, unrealized, total, total %, equity, max drawdown %, win rate). Every
        session this login can see when session_id is absent.
        """)]
    public Task<List<Dictionary<string, object?>>> PaperStatusAsync(
        [Description("The session id from `start_paper` (absent: all sessions).")] long? session_id = null,
        CancellationToken cancellationToken = default) =>
        ToolErrors.GuardAsync(database, async () =>
        {
            var rows = await StrategyCommand.SessionsAsync(database.DataSource, session_id, cancellationToken);
            return session_id is { } id && rows.Count == 0 ? throw NoSession(id) : rows;
        });

    [McpServerTool(Name = "stop_paper", Destructive = true, Idempotent = false, OpenWorld = false)]
    [Description("""
        Stop a paper session: it acts on no more bars and, unless keep_positions, its open positions are flattened by CLOSE
        decisions (executed by `trading run`; waited for up to `wait` seconds). Returns the final session figures with the
        account's full performance report and promotion gates (as `performance`).
        """)]
    public Task<SessionReport> StopPaperAsync(
        [Description("The session id from `start_paper`.")] long session_id,
        [Description("Stop without flattening the session's positions.")] bool keep_positions = false,
        [Description("Seconds (at most 120, default 10) to wait for the flattening CLOSE decisions before reporting.")] double wait = 10,
        CancellationToken cancellationToken = default) =>
        ToolErrors.GuardAsync(database, async () =>
        {
            var timeout = WaitTime.From(wait) ?? TimeSpan.Zero;
            await SessionAsync(session_id, cancellationToken);
            await using (var stop = database.DataSource.CreateCommand("SELECT stop_strategy($1, $2)"))
            {
                stop.Parameters.Add(CliParameters.Id(session_id));
                stop.Parameters.Add(new NpgsqlParameter { Value = keep_positions, NpgsqlDbType = NpgsqlDbType.Boolean });
                await stop.ExecuteScalarAsync(cancellationToken);
            }

            await StatusPoller.PollAsync(token => StrategyCommand.PendingAsync(database.DataSource, session_id, token), pending => !pending, timeout, cancellationToken);
            return await ReportAsync(session_id, cancellationToken);
        });

    [McpServerTool(Name = "compare", ReadOnly = true, OpenWorld = false)]
    [Description("""
        Seed 004's COMPARE step: a paper session against a backtest of the same strategy. Returns seed 004's table (Win Rate,
        PF, Max DD, Sharpe, Trades, plus Sortino, expectancy, fees, average slippage) for backtest and paper, the assessment
        (matches / significantly worse / significantly better, with the tolerances it used and its recommendation), the
        similarity of the return paths (correlation of daily returns, DTW distance), the trades paired by signal with the
        causes of each price difference (latency, different quote, spread, slippage, fees, partial fill, size), the trades
        only one side has and why, and the P&L bridge from backtest to paper (its steps sum to the difference to the cent).
        backtest_run: a stored backtest run (`trading backtest`); without it, a backtest of the session's own period.
        """)]
    public Task<Dictionary<string, object?>> CompareAsync(
        [Description("The session id from `start_paper`.")] long session_id,
        [Description("A stored backtest run id to compare with (default: run one over the session's own period).")] long? backtest_run = null,
        CancellationToken cancellationToken = default) =>
        ToolErrors.GuardAsync(database, async () =>
        {
            try
            {
                var report = await SessionComparison.RunAsync(database.DataSource, session_id, backtest_run, new AssessmentThresholds(), backtests, cancellationToken);
                return ComparisonJson.From(report);
            }
            catch (ComparisonException e)
            {
                throw new McpException(e.Message);
            }
        });

    private async Task<SessionReport> ReportAsync(long id, CancellationToken cancellationToken)
    {
        var session = await SessionAsync(id, cancellationToken);
        var performance = await AccountPerformance.ReadAsync(database, (string)session["account"]!, cancellationToken);
        return new SessionReport(session, performance);
    }

    private async Task<Dictionary<string, object?>> SessionAsync(long id, CancellationToken cancellationToken) =>
        (await StrategyCommand.SessionsAsync(database.DataSource, id, cancellationToken)).SingleOrDefault() ?? throw NoSession(id);

    private static StrategyConfig Validate(JsonElement json)
    {
        var text = json.ValueKind == JsonValueKind.String ? json.GetString()! : json.GetRawText();
        var validation = StrategyConfigParser.Parse(text);
        return validation.IsValid
            ? validation.Config!
            : throw new McpException($"invalid strategy_config: {string.Join("; ", validation.Errors)}");
    }

    private static McpException NoSession(long id) => new($"no strategy session {id} that this login can see.");
}
