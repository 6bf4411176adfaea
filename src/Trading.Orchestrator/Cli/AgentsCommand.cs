using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Trading.Orchestrator.Cli;

/// <summary>
/// `trading agents grant ROLE ACCOUNT [--read-only] | revoke ROLE ACCOUNT | list [--role R]`: which login (or group) role
/// may trade or read which account. The grants live in account_grants, written by grant_account()/revoke_account() only;
/// row-level security enforces them (migration 0014).
/// </summary>
public static class AgentsCommand
{
    // A grant whose role was dropped shows its OID and exists = false: revoke it (it can no longer match anyone).
    private const string ListSql = """
        SELECT g.role::text AS role, g.account, g.can_trade, g.can_read,
               EXISTS (SELECT 1 FROM pg_roles r WHERE r.oid = g.role) AS role_exists,
               g.account = '*' OR EXISTS (SELECT 1 FROM accounts a WHERE a.account = g.account) AS account_exists,
               g.granted_by, g.granted_at
        FROM account_grants g
        WHERE $1::text IS NULL OR g.role::text = $1
        ORDER BY 1, 2
        """;

    public static Command Create(IConfiguration configuration, ILoggerFactory loggers)
    {
        var command = new Command("agents", "Which roles (agent logins, groups, dashboards) may trade or read which accounts.");
        command.Subcommands.Add(Grant(configuration, loggers));
        command.Subcommands.Add(Revoke(configuration, loggers));
        command.Subcommands.Add(List(configuration, loggers));
        return command;
    }

    private static Command Grant(IConfiguration configuration, ILoggerFactory loggers)
    {
        var role = RoleArgument();
        var account = AccountArgument();
        var readOnly = new Option<bool>("--read-only") { Description = "Read the account's rows only; no decisions or cancel requests." };
        var command = new Command("grant", "Let a role (and every member of it) trade and read an account, or only read it. " +
            "Granting again replaces the rights. Exit 5 when the role does not exist.") { role, account, readOnly };
        command.SetAction((parse, cancellationToken) => new CliDatabase(configuration, loggers).RunAsync(parse, "agents grant", async database =>
        {
            var (who, which, trade) = (parse.GetValue(role)!, parse.GetValue(account)!, !parse.GetValue(readOnly));
            await using (var grant = database.DataSource.CreateCommand("SELECT grant_account($1, $2, $3, true)"))
            {
                grant.Parameters.Add(new NpgsqlParameter { Value = who });
                grant.Parameters.Add(new NpgsqlParameter { Value = which });
                grant.Parameters.Add(new NpgsqlParameter { Value = trade });
                try
                {
                    await grant.ExecuteNonQueryAsync(cancellationToken);
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedObject)
                {
                    return CliOutput.Error("agents grant", $"{e.MessageText} (create it first: CREATE ROLE ... LOGIN ... IN ROLE trading_agent).", ExitCodes.NotFound);
                }
            }

            var rows = await ReadAsync(database.DataSource, who, cancellationToken);
            Print(parse, rows, $"{who} may now {(trade ? "trade and read" : "read")} {which}");
            if (!parse.GetValue(CommonOptions.Json) && rows.Any(r => Equals(r["account"], which) && r["account_exists"] is false))
            {
                // Allowed on purpose (a strategy session's account is created when it starts), but usually a typo.
                await Console.Error.WriteLineAsync($"note: no account '{TerminalText.Clean(which)}' exists yet; the grant applies once it does.");
            }

            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static Command Revoke(IConfiguration configuration, ILoggerFactory loggers)
    {
        var role = RoleArgument();
        var account = AccountArgument();
        var command = new Command("revoke", "Remove a role's grant on an account. Exit 5 when there was none.") { role, account };
        command.SetAction((parse, cancellationToken) => new CliDatabase(configuration, loggers).RunAsync(parse, "agents revoke", async database =>
        {
            var (who, which) = (parse.GetValue(role)!, parse.GetValue(account)!);
            await using var revoke = database.DataSource.CreateCommand("SELECT revoke_account($1, $2)");
            revoke.Parameters.Add(new NpgsqlParameter { Value = who });
            revoke.Parameters.Add(new NpgsqlParameter { Value = which });
            if (await revoke.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return CliOutput.Error("agents revoke", $"role '{who}' has no grant on '{which}' (see `trading agents list`).", ExitCodes.NotFound);
            }

            if (parse.GetValue(CommonOptions.Json))
            {
                CliOutput.Json(new { role = who, account = which, revoked = true });
            }
            else
            {
                Console.WriteLine($"revoked {TerminalText.Clean(who)} on {TerminalText.Clean(which)}");
            }

            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static Command List(IConfiguration configuration, ILoggerFactory loggers)
    {
        var role = new Option<string?>("--role") { Description = "Only this role's grants (not those it inherits)." };
        var command = new Command("list", "Grants: role, account ('*' = every account), can_trade, can_read, who granted and when.") { role };
        command.SetAction((parse, cancellationToken) => new CliDatabase(configuration, loggers).RunAsync(parse, "agents list", async database =>
        {
            Print(parse, await ReadAsync(database.DataSource, parse.GetValue(role), cancellationToken), "Account grants");
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static Argument<string> RoleArgument() =>
        new("role") { Description = "A login role (an agent) or a group role such as trading_agent: a grant applies to every member." };

    private static Argument<string> AccountArgument() =>
        new("account") { Description = "An account name, or '*' for every account." };

    private static async Task<List<Dictionary<string, object?>>> ReadAsync(NpgsqlDataSource dataSource, string? role, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ListSql);
        command.Parameters.Add(CliParameters.Text(role));
        return await CliRows.ReadAsync(command, cancellationToken);
    }

    private static void Print(ParseResult parse, List<Dictionary<string, object?>> rows, string title)
    {
        if (parse.GetValue(CommonOptions.Json))
        {
            CliOutput.Json(rows);
        }
        else
        {
            CliOutput.Table(title, rows);
        }
    }
}
