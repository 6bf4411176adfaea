using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Trading.Orchestrator.Cli;

/// <summary>`trading accounts list | create NAME | update NAME | reset NAME | deposit | withdraw`: paper accounts and their simulation settings.</summary>
public static class AccountsCommand
{
    private const string ListSql = """
        SELECT account, epoch, base_currency, initial_capital, cash, fee_rate, min_fee, slippage_model, slippage_rate,
               spread_fraction, max_position_fraction, allow_shorting, leverage, allow_partial_size, confidence_threshold,
               default_stop_loss_pct, default_take_profit_pct, fill_probability, limit_fill_model, fault_reject_probability,
               fault_partial_probability, fault_latency_probability, fault_max_latency, fault_stale_probability, halted,
               epoch_started_at
        FROM accounts
        WHERE $1::text IS NULL OR account = $1
        ORDER BY account
        """;

    // The row is inserted with the schema's defaults, then only the settings given are changed: the defaults live in
    // the migration and nowhere else. Cash starts equal to the capital (the ledger is empty).
    private const string InsertSql = "INSERT INTO accounts (account) VALUES ($1)";

    public static Command Create(IConfiguration configuration, ILoggerFactory loggers)
    {
        var command = new Command("accounts", "Paper accounts: list, create, update settings, reset into a new epoch, deposit, withdraw.");
        command.Subcommands.Add(List(configuration, loggers));
        command.Subcommands.Add(New(configuration, loggers));
        command.Subcommands.Add(Update(configuration, loggers));
        command.Subcommands.Add(ResetCommand.Create(configuration, loggers));
        command.Subcommands.Add(FundCommand.Create("deposit", configuration, loggers));
        command.Subcommands.Add(FundCommand.Create("withdraw", configuration, loggers));
        return command;
    }

    private static Command List(IConfiguration configuration, ILoggerFactory loggers)
    {
        var wide = new Option<bool>("--wide") { Description = "Every setting, one row each, an account per column (default: the columns that fit 80 characters; --json has them all)." };
        var command = new Command("list", "Accounts with their current epoch, cash and simulation settings.") { wide };
        command.SetAction((parse, cancellationToken) => new CliDatabase(configuration, loggers).RunAsync(parse, "accounts list", async database =>
        {
            var rows = await ReadAsync(database.DataSource, null, cancellationToken);
            Print(parse, parse.GetValue(wide) && !parse.GetValue(CommonOptions.Json) ? BySetting(rows) : rows, columns: parse.GetValue(wide) ? null : NarrowColumns);
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static Command New(IConfiguration configuration, ILoggerFactory loggers)
    {
        var name = new Argument<string>("name") { Description = "Account name: lower-case letters, digits, _ . - (up to 63)." };
        var settings = new AccountSettingOptions();
        var command = new Command("create", "Create a paper account (settings not given keep the schema's defaults). " +
            "Exit 2 when the name exists or a value is out of range (the constraint is named).");
        command.Arguments.Add(name);
        settings.AddTo(command);

        command.SetAction((parse, cancellationToken) => new CliDatabase(configuration, loggers).RunAsync(parse, "accounts create", async database =>
        {
            var account = parse.GetValue(name) ?? string.Empty;
            await using (var transaction = await database.DataSource.OpenConnectionAsync(cancellationToken))
            await using (var tx = await transaction.BeginTransactionAsync(cancellationToken))
            {
                await using (var insert = new NpgsqlCommand(InsertSql, transaction, tx))
                {
                    insert.Parameters.Add(new NpgsqlParameter { Value = account });
                    await insert.ExecuteNonQueryAsync(cancellationToken);
                }

                await using (var update = new NpgsqlCommand(AccountSettingOptions.UpdateSql, transaction, tx))
                {
                    update.Parameters.Add(new NpgsqlParameter { Value = account });
                    update.Parameters.AddRange(settings.Parameters(parse));
                    await update.ExecuteNonQueryAsync(cancellationToken);
                }

                await tx.CommitAsync(cancellationToken);
            }

            Print(parse, await ReadAsync(database.DataSource, account, cancellationToken), $"Created account {account}");
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    // Capital and currency are an epoch's (`accounts reset`): changing them under a live ledger would break its invariants.
    private static Command Update(IConfiguration configuration, ILoggerFactory loggers)
    {
        var name = new Argument<string>("name") { Description = "The account to change." };
        var settings = new AccountSettingOptions();
        var command = new Command("update", "Change an account's simulation settings (those not given stay). " +
            "Capital and currency change only with `accounts reset`. Exit 2 when a value is out of range (the constraint is named).");
        command.Arguments.Add(name);
        settings.AddTo(command);
        command.SetAction((parse, cancellationToken) => new CliDatabase(configuration, loggers).RunAsync(parse, "accounts update", async database =>
        {
            var account = parse.GetValue(name) ?? string.Empty;
            var values = settings.Parameters(parse);
            if (values[0].Value is not DBNull || values[1].Value is not DBNull)
            {
                await Console.Error.WriteLineAsync("accounts update: --capital and --currency start a new epoch: use `trading accounts reset`.");
                return ExitCodes.BadArguments;
            }

            await using var update = database.DataSource.CreateCommand(AccountSettingOptions.UpdateSql);
            update.Parameters.Add(new NpgsqlParameter { Value = account });
            update.Parameters.AddRange(values);
            if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                await Console.Error.WriteLineAsync($"accounts update: there is no account {account}.");
                return ExitCodes.NotFound;
            }

            Print(parse, await ReadAsync(database.DataSource, account, cancellationToken), $"Updated account {account}");
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static async Task<List<Dictionary<string, object?>>> ReadAsync(NpgsqlDataSource dataSource, string? account, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ListSql);
        command.Parameters.Add(CliParameters.Text(account));
        return await CliRows.ReadAsync(command, cancellationToken);
    }

    // Twenty-one settings wrap into an unreadable table at any width: by default the ones that tell accounts apart.
    private static readonly string[] NarrowColumns = ["account", "epoch", "base_currency", "initial_capital", "cash", "leverage", "allow_shorting", "halted"];

    // Every setting is more columns than a terminal holds: the wide listing turns the table, a setting per row.
    private static List<Dictionary<string, object?>> BySetting(List<Dictionary<string, object?>> accounts) =>
        accounts.Count == 0
            ? accounts
            : [.. accounts[0].Keys.Where(k => k != "account").Select(setting =>
                new Dictionary<string, object?> { ["setting"] = setting }
                    .Concat(accounts.Select(a => KeyValuePair.Create(CliOutput.Format(a["account"]), a[setting])))
                    .ToDictionary())];

    private static void Print(ParseResult parse, List<Dictionary<string, object?>> rows, string title = "Accounts", IReadOnlyList<string>? columns = null)
    {
        if (parse.GetValue(CommonOptions.Json))
        {
            CliOutput.Json(rows);
        }
        else
        {
            CliOutput.Table(title, rows, columns);
        }
    }
}
