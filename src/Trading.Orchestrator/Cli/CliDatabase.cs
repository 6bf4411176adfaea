using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;
using Trading.Data.Migrations;
using Trading.Orchestrator.Hosting;

namespace Trading.Orchestrator.Cli;

/// <summary>
/// Runs an operator command against the configured (or embedded) database. These commands never migrate: on a
/// database without the trading schema, or one that lacks a migration this binary carries, they say "run `trading
/// migrate` first" and exit
/// <see cref="CliExitCodes.SchemaMissing"/>, so that pointing one at the wrong database cannot create tables there.
/// A constraint the database enforces becomes a message naming it and <see cref="ExitCodes.BadArguments"/>; an operation
/// the account's state refuses (SQLSTATE 55000) becomes the database's message and hint and <see cref="CliExitCodes.Refused"/>.
/// </summary>
public sealed class CliDatabase(IConfiguration configuration, ILoggerFactory loggers)
{
    public async Task<int> RunAsync(ParseResult parse, string command, Func<Database, Task<int>> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(body);
        await using var database = await Database.OpenAsync(CommonOptions.DatabaseOptions(parse, configuration), loggers, cancellationToken);
        await using (var probe = database.DataSource.CreateCommand(
            "SELECT to_regclass('trading_decisions') IS NOT NULL AND to_regprocedure('invariants(text)') IS NOT NULL"))
        {
            if (await probe.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return CliOutput.Error(command, $"{database.Describe()} has no trading schema: run `trading migrate` first.", CliExitCodes.SchemaMissing);
            }
        }

        // A binary newer than the schema would fail on the first missing column: say what to do instead.
        var missing = await MissingMigrationsAsync(database, cancellationToken);
        if (missing.Count > 0)
        {
            return CliOutput.Error(command,
                $"{database.Describe()} lacks migration(s) {string.Join(", ", missing)}: run `trading migrate` first.", CliExitCodes.SchemaMissing);
        }

        try
        {
            return await body(database);
        }
        catch (PostgresException e) when (e.SqlState.StartsWith("23", StringComparison.Ordinal))
        {
            var allowed = await AllowedAsync(database, e, cancellationToken);
            return CliOutput.Error(command, allowed is null ? ConstraintMessage(e) : $"refused: {allowed} (constraint {e.ConstraintName}).", ExitCodes.BadArguments);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectNotInPrerequisiteState)
        {
            return CliOutput.Error(command, string.IsNullOrWhiteSpace(e.Hint) ? e.MessageText : $"{e.MessageText}. {e.Hint}", CliExitCodes.Refused);
        }
    }

    /// <summary>
    /// The embedded migrations the database has not applied. An agent's or a reader's login may not read the history (0005
    /// grants it no table it does not need): then nothing is reported, and a missing migration shows as the database's error.
    /// </summary>
    private static async Task<List<string>> MissingMigrationsAsync(Database database, CancellationToken cancellationToken)
    {
        await using var readable = database.DataSource.CreateCommand("SELECT has_table_privilege('schema_migrations', 'SELECT')");
        if (await readable.ExecuteScalarAsync(cancellationToken) is not true)
        {
            return [];
        }

        await using var applied = database.DataSource.CreateCommand("SELECT array_agg(name) FROM schema_migrations");
        var names = await applied.ExecuteScalarAsync(cancellationToken) as string[] ?? [];
        return MigrationSource.Embedded.Select(m => m.Name).Except(names, StringComparer.Ordinal).ToList();
    }

    /// <summary>True when the account exists; otherwise prints "unknown account" (exit <see cref="ExitCodes.NotFound"/>).</summary>
    public static async Task<bool> AccountExistsAsync(Database database, string command, string account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var probe = database.DataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM accounts WHERE account = $1)");
        probe.Parameters.Add(new NpgsqlParameter { Value = account });
        if (await probe.ExecuteScalarAsync(cancellationToken) is true)
        {
            return true;
        }

        CliOutput.Error(command, $"unknown account '{account}' (see `trading accounts list`).", ExitCodes.NotFound);
        return false;
    }

    /// <summary>
    /// The sentence a constraint's comment gives (migration 0015: what is allowed), so the CLI and a SQL client read the
    /// same words; null when the constraint has none.
    /// </summary>
    private static async Task<string?> AllowedAsync(Database database, PostgresException error, CancellationToken cancellationToken)
    {
        if (error.ConstraintName is null || error.TableName is null)
        {
            return null;
        }

        await using var comment = database.DataSource.CreateCommand("""
            SELECT obj_description(c.oid, 'pg_constraint') FROM pg_constraint c
            WHERE c.conname = $1 AND c.conrelid = to_regclass(quote_ident($2))
            """);
        comment.Parameters.Add(new NpgsqlParameter { Value = error.ConstraintName });
        comment.Parameters.Add(new NpgsqlParameter { Value = error.TableName });
        return await comment.ExecuteScalarAsync(cancellationToken) as string;
    }

    public static string ConstraintMessage(PostgresException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var name = error.ConstraintName ?? error.ColumnName ?? "(unnamed)";
        var meaning = error.SqlState switch
        {
            PostgresErrorCodes.ForeignKeyViolation when name.EndsWith("_account_fkey", StringComparison.Ordinal) => "unknown account (see `trading accounts list`)",
            PostgresErrorCodes.ForeignKeyViolation when name.EndsWith("_symbol_fkey", StringComparison.Ordinal) => "unknown symbol (not in instruments)",
            PostgresErrorCodes.ForeignKeyViolation => "refers to a row that does not exist",
            PostgresErrorCodes.UniqueViolation => "already exists",
            PostgresErrorCodes.NotNullViolation => "a required value is missing",
            PostgresErrorCodes.CheckViolation => "a value is out of range or malformed",
            _ => "refused",
        };
        // Npgsql redacts Detail unless the connection string opts in; a redaction notice would only be noise here.
        var detail = string.IsNullOrWhiteSpace(error.Detail) || error.Detail.StartsWith("Detail redacted", StringComparison.Ordinal)
            ? error.MessageText
            : $"{error.MessageText} ({error.Detail})";
        return $"the database refused the row: constraint {name}: {meaning}: {detail}";
    }
}
