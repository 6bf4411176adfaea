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

            await using var kill = database.DataSource.CreateCommand("SELECT kill_switch($1, $2)");
            kill.Parameters.Add(new NpgsqlParameter { Value = name });
            kill.Parameters.Add(new NpgsqlParameter { Value = parse.GetValue(reason)! });
            var flattening = (int)(await kill.ExecuteScalarAsync(cancellationToken))!;
            if (parse.GetValue(CommonOptions.Json))
            {
                CliOutput.Json(new { account = name, halted = true, positions_flattening = flattening });
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

            await using var resume = database.DataSource.CreateCommand("SELECT resume_account($1)");
            resume.Parameters.Add(new NpgsqlParameter { Value = name });
            await resume.ExecuteNonQueryAsync(cancellationToken);
            if (parse.GetValue(CommonOptions.Json))
            {
                CliOutput.Json(new { account = name, halted = false });
            }
            else
            {
                CliOutput.Console.MarkupLine($"[green]resumed[/] {CliOutput.Escape(name)}: decisions execute again.");
            }

            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }
}
