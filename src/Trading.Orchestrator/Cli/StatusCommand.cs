using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Trading.Engine.Primitives;

namespace Trading.Orchestrator.Cli;

/// <summary>`trading status [--account A]`: the portfolio overview and the decision counts by status.</summary>
public static class StatusCommand
{
    private const string PortfolioSql = """
        SELECT account, base_currency, initial_capital, cash, positions_value, total_value, unrealized_pnl, realized_pnl,
               total_pnl, total_pnl_pct, num_positions, total_trades, halted
        FROM v_paper_portfolio_overview
        WHERE ($1::text IS NULL OR account = $1)
        ORDER BY account
        """;

    // One column per status the schema knows, from the one enum, so the row adds up to its total whatever is added.
    private static readonly string DecisionsSql = $"""
        SELECT a.account,
               {string.Join(",\n       ", Enum.GetValues<DecisionStatus>().Select(s => StatusColumn(s.ToString().ToLowerInvariant())))},
               count(d.id) AS total
        FROM accounts a
        LEFT JOIN trading_decisions d ON d.account = a.account
        WHERE ($1::text IS NULL AND a.archived_of IS NULL) OR a.account = $1
        GROUP BY a.account
        ORDER BY a.account
        """;

    public static Command Create(IConfiguration configuration, ILoggerFactory loggers)
    {
        var account = CliOptions.Account();
        var command = new Command("status", "Portfolio overview (v_paper_portfolio_overview) and decision counts by status.");
        command.Options.Add(account);
        command.SetAction((parse, cancellationToken) => new CliDatabase(configuration, loggers).RunAsync(parse, "status", async database =>
        {
            var name = parse.GetValue(account);
            if (name is not null && !await CliDatabase.AccountExistsAsync(database, "status", name, cancellationToken))
            {
                return ExitCodes.NotFound;
            }

            var portfolio = await QueryAsync(database.DataSource, PortfolioSql, name, cancellationToken);
            var decisions = await QueryAsync(database.DataSource, DecisionsSql, name, cancellationToken);
            if (parse.GetValue(CommonOptions.Json))
            {
                CliOutput.Json(new { portfolio, decisions });
            }
            else
            {
                CliOutput.Table("Portfolio", portfolio);
                CliOutput.Table("Decisions by status", decisions);
            }

            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    // The status names are the enum's own constants, never user input.
    private static string StatusColumn(string status) => $"count(d.id) FILTER (WHERE d.status = '{status}') AS {status}";

    private static async Task<List<Dictionary<string, object?>>> QueryAsync(NpgsqlDataSource dataSource, string sql, string? account, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)account ?? DBNull.Value });
        return await CliRows.ReadAsync(command, cancellationToken);
    }
}
