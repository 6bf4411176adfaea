using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;
using Spectre.Console;

namespace Trading.Orchestrator.Cli;

/// <summary>
/// `trading kill-switch --account A [--reason R]`: halt the account and flatten it (kill_switch(): one CLOSE decision
/// per open position, executed by the orchestrator; every other decision is rejected as halted).
/// `trading resume --account A`: lift the halt (resume_account()).
/// </summary>
public static class KillSwitchCommand
{
    public static Command Create(IConfiguration configuration, ILoggerFactory loggers)
    {
        var account = CliOptions.Account("The account to halt and flatten.");
        account.Required = true;
        var reason = new Option<string>("--reason") { Description = "Why (kept as the account's halt reason).", DefaultValueFactory = _ => "kill switch" };
        var command = new Command("kill-switch", "Halt an account and flatten all its positions at market; new decisions are rejected until `trading resume`.")
        {
            account, reason,
        };
        command.SetAction((parse, cancellationToken) => new CliDatabase(configuration, loggers).RunAsync(parse, "kill-switch", async database =>
        {
            if (parse.GetValue(account) is not { } name)
            {
                return CliOutput.Error("kill-switch", "--account is required.", ExitCodes.BadArguments);
            }

            if (!await CliDatabase.AccountExistsAsync(database, "kill-switch", name, cancellationToken))
            {
                return ExitCodes.NotFound;
            }

            var before = await HaltAsync(database.DataSource, name, cancellationToken);
            await using var kill = database.DataSource.CreateCommand("SELECT kill_switch($1, $2)");
            kill.Parameters.Add(new NpgsqlParameter { Value = name });
            kill.Parameters.Add(new NpgsqlParameter { Value = parse.GetValue(reason)! });
            var flattening = (int)(await kill.ExecuteScalarAsync(cancellationToken))!;
            if (parse.GetValue(CommonOptions.Json))
            {
                CliOutput.Json(new { account = name, halted = true, was_halted = before.Halted, positions_flattening = flattening });
            }
            else if (before.Halted)
            {
                // A second kill switch still flattens what is left, but must not read as if it had just stopped trading.
                CliOutput.Console.MarkupLine($"[yellow]already halted[/] {CliOutput.Escape(name)} (was: {CliOutput.Escape(before.Reason ?? "no reason given")}): {flattening} CLOSE decision(s) inserted for the positions still open.");
            }
            else
            {
                CliOutput.Console.MarkupLine($"[red]halted[/] {CliOutput.Escape(name)}: {flattening} position(s) being flattened by CLOSE decisions; `trading resume --account {CliOutput.Escape(name)}` lifts the halt.");
            }

            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    public static Command CreateResume(IConfiguration configuration, ILoggerFactory loggers)
    {
        var account = CliOptions.Account("The account to resume.");
        account.Required = true;
        var command = new Command("resume", "Lift an account's halt (after a kill switch or a breached loss limit).") { account };
        command.SetAction((parse, cancellationToken) => new CliDatabase(configuration, loggers).RunAsync(parse, "resume", async database =>
        {
            if (parse.GetValue(account) is not { } name)
            {
                return CliOutput.Error("resume", "--account is required.", ExitCodes.BadArguments);
            }

            if (!await CliDatabase.AccountExistsAsync(database, "resume", name, cancellationToken))
            {
                return ExitCodes.NotFound;
            }

            var before = await HaltAsync(database.DataSource, name, cancellationToken);
            if (before.Halted)
            {
                await using var resume = database.DataSource.CreateCommand("SELECT resume_account($1)");
                resume.Parameters.Add(new NpgsqlParameter { Value = name });
                await resume.ExecuteNonQueryAsync(cancellationToken);
            }

            if (parse.GetValue(CommonOptions.Json))
            {
                CliOutput.Json(new { account = name, halted = false, was_halted = before.Halted });
            }
            else if (!before.Halted)
            {
                CliOutput.Console.MarkupLine($"[yellow]not halted[/] {CliOutput.Escape(name)}: nothing to resume, decisions were already executing.");
            }
            else
            {
                CliOutput.Console.MarkupLine($"[green]resumed[/] {CliOutput.Escape(name)}: decisions execute again.");
            }

            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static async Task<(bool Halted, string? Reason)> HaltAsync(NpgsqlDataSource dataSource, string account, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT halted, halt_reason FROM accounts WHERE account = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = account });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetBoolean(0), reader.IsDBNull(1) ? null : reader.GetString(1)) : (false, null);
    }
}
