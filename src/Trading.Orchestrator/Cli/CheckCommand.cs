using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Spectre.Console;

namespace Trading.Orchestrator.Cli;

/// <summary>
/// `trading check [--account A]`: the accounting invariants (invariants()); exit 0 when none is violated, else 1. Also
/// warns, without changing the exit code, about agent and reader logins that could take every connection.
/// </summary>
public static class CheckCommand
{
    private const string Sql = "SELECT account, invariant, detail FROM invariants($1) ORDER BY account, invariant, detail";

    public static Command Create(IConfiguration configuration, ILoggerFactory loggers)
    {
        var account = CliOptions.Account("Only this account (default: all).");
        var command = new Command("check", "Check the accounting invariants (cash = capital + ledger, P&L = equity - capital, " +
            "positions = fills, one order per decision, ...). Exit 0 when the books balance, 1 with the violations.");
        command.Options.Add(account);
        command.SetAction((parse, cancellationToken) => new CliDatabase(configuration, loggers).RunAsync(parse, "check", async database =>
        {
            var name = parse.GetValue(account);
            if (name is not null && !await CliDatabase.AccountExistsAsync(database, "check", name, cancellationToken))
            {
                return ExitCodes.NotFound;
            }

            await using var query = database.DataSource.CreateCommand(Sql);
            query.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)name ?? DBNull.Value });
            var violations = await CliRows.ReadAsync(query, cancellationToken);
            var connectionWarnings = (await ConnectionBudget.ReadAsync(database.DataSource, cancellationToken)).Warnings;
            if (parse.GetValue(CommonOptions.Json))
            {
                CliOutput.Json(new { ok = violations.Count == 0, violations, connection_warnings = connectionWarnings });
            }
            else if (violations.Count == 0)
            {
                CliOutput.Console.MarkupLine($"[green]OK[/]: no invariant violated{(name is null ? string.Empty : " for " + CliOutput.Escape(name))}.");
            }
            else
            {
                CliOutput.Table($"{violations.Count} invariant violation(s)", violations);
            }

            if (!parse.GetValue(CommonOptions.Json))
            {
                foreach (var warning in connectionWarnings)
                {
                    CliOutput.Console.MarkupLine($"[yellow]warning[/]: {CliOutput.Escape(warning)}");
                }
            }

            return violations.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
        }, cancellationToken));
        return command;
    }
}
