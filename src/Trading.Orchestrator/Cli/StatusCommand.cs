using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;
using Trading.Engine.Primitives;

namespace Trading.Orchestrator.Cli;

/// <summary>`trading status [--account A]`: the portfolio overview and the decision counts by status.</summary>
public static class StatusCommand
{
    // One column per status the schema knows, from the one enum, so the row adds up to its total whatever is added.
    private static readonly string DecisionsSql = $"""
        SELECT a.account,
               {string.Join(",\n       ", Enum.GetValues<DecisionStatus>().Select(s => StatusColumn(s.ToString().ToLowerInvariant())))},
               count(d.id) AS total
        FROM accounts a
        LEFT JOIN trading_decisions d ON d.account = a.account AND d.epoch = a.epoch
        WHERE $1::text IS NULL OR a.account = $1
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

            await using var client = database.CreateContext();
            var portfolio = CliRows.From(await client.PortfolioOverview
                .Where(o => name == null || o.Account == name)
                .OrderBy(o => o.Account)
                .Select(o => new
                {
                    o.Account,
                    o.BaseCurrency,
                    o.InitialCapital,
                    o.Cash,
                    o.PositionsValue,
                    o.TotalValue,
                    o.UnrealizedPnl,
                    o.RealizedPnl,
                    o.TotalPnl,
                    o.TotalPnlPct,
                    o.NumPositions,
                    o.TotalTrades,
                    o.Halted,
                })
                .ToListAsync(cancellationToken));
            var decisions = await DecisionCountsAsync(database.DataSource, name, cancellationToken);
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

    // Decision counts join accounts to trading_decisions: tables, not a view the client maps.
    private static async Task<List<Dictionary<string, object?>>> DecisionCountsAsync(NpgsqlDataSource dataSource, string? account, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(DecisionsSql);
        command.Parameters.Add(CliParameters.Text(account));
        return await CliRows.ReadAsync(command, cancellationToken);
    }
}
