using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Trading.Orchestrator.Cli;

/// <summary>`trading accounts list | create NAME | reset NAME | deposit | withdraw`: paper accounts and their simulation settings.</summary>
public static class AccountsCommand
{
    private const string ListSql = """
        SELECT account, epoch, base_currency, initial_capital, cash, fee_rate, min_fee, slippage_model, slippage_rate,
               spread_fraction, max_position_fraction, allow_shorting, leverage, allow_partial_size, confidence_threshold,
               default_stop_loss_pct, default_take_profit_pct, fill_probability, halted, epoch_started_at, archived_of
        FROM accounts
        WHERE ($1::text IS NULL OR account = $1) AND ($2 OR archived_of IS NULL)
        ORDER BY account
        """;

    // The row is inserted with the schema's defaults, then only the settings given are changed: the defaults live in
    // the migration and nowhere else. Cash starts equal to the capital (the ledger is empty).
    private const string InsertSql = "INSERT INTO accounts (account) VALUES ($1)";

    private const string SettingsSql = """
        UPDATE accounts
        SET initial_capital         = COALESCE($2, initial_capital),
            cash                    = COALESCE($2, initial_capital),
            base_currency           = COALESCE($3, base_currency),
            allow_shorting          = COALESCE($4, allow_shorting),
            leverage                = COALESCE($5, leverage),
            fee_rate                = COALESCE($6, fee_rate),
            min_fee                 = COALESCE($7, min_fee),
            slippage_model          = COALESCE($8, slippage_model),
            slippage_rate           = COALESCE($9, slippage_rate),
            max_position_fraction   = COALESCE($10, max_position_fraction),
            confidence_threshold    = COALESCE($11, confidence_threshold),
            allow_partial_size      = COALESCE($12, allow_partial_size),
            default_stop_loss_pct   = COALESCE($13, default_stop_loss_pct),
            default_take_profit_pct = COALESCE($14, default_take_profit_pct),
            fill_probability        = COALESCE($15, fill_probability)
        WHERE account = $1
        """;

    public static Command Create(IConfiguration configuration, ILoggerFactory loggers)
    {
        var command = new Command("accounts", "Paper accounts: list, create, reset into a new epoch, deposit, withdraw.");
        command.Subcommands.Add(List(configuration, loggers));
        command.Subcommands.Add(New(configuration, loggers));
        command.Subcommands.Add(ResetCommand.Create(configuration, loggers));
        command.Subcommands.Add(FundCommand.Create("deposit", configuration, loggers));
        command.Subcommands.Add(FundCommand.Create("withdraw", configuration, loggers));
        return command;
    }

    private static Command List(IConfiguration configuration, ILoggerFactory loggers)
    {
        var all = new Option<bool>("--all") { Description = "Also the archives of closed epochs (NAME.eN, read-only)." };
        var wide = new Option<bool>("--wide") { Description = "Every setting as a column (default: the columns that fit 80 characters; --json has them all)." };
        var command = new Command("list", "Live accounts with their current epoch, cash and simulation settings.") { all, wide };
        command.SetAction((parse, cancellationToken) => new CliDatabase(configuration, loggers).RunAsync(parse, "accounts list", async database =>
        {
            Print(parse, await ReadAsync(database.DataSource, null, parse.GetValue(all), cancellationToken), columns: parse.GetValue(wide) ? null : NarrowColumns);
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static Command New(IConfiguration configuration, ILoggerFactory loggers)
    {
        var name = new Argument<string>("name") { Description = "Account name: lower-case letters, digits, _ . - (up to 63)." };
        var capital = new Option<decimal?>("--capital") { Description = "Initial capital; cash starts equal to it (default 10000)." };
        var currency = new Option<string?>("--currency") { Description = "Base currency (default USDT)." };
        var shorting = new Option<bool>("--shorting") { Description = "Allow short positions." };
        var leverage = new Option<decimal?>("--leverage") { Description = "Buying power = equity x leverage (default 1)." };
        var feeRate = new Option<decimal?>("--fee-rate") { Description = "Fee per fill as a fraction of notional (default 0.001)." };
        var minFee = new Option<decimal?>("--min-fee") { Description = "Minimum fee per fill (default 1)." };
        var slippageModel = new Option<string?>("--slippage-model") { Description = "none, fixed or seed (default seed)." };
        var slippageRate = new Option<decimal?>("--slippage-rate") { Description = "Slippage rate (default 0.0005)." };
        var maxPosition = new Option<decimal?>("--max-position-fraction") { Description = "Largest position as a fraction of equity (default 0.20)." };
        var threshold = new Option<decimal?>("--confidence-threshold") { Description = "Decisions below this confidence are skipped (default 0.60)." };
        var partial = new Option<bool>("--partial") { Description = "Reduce orders beyond buying power instead of rejecting them." };
        var stopLossPct = new Option<decimal?>("--stop-loss-pct")
        {
            Description = "Default stop-loss exit for every entry, in percent of the entry price (5 = 5 %; default none).",
        };
        var takeProfitPct = new Option<decimal?>("--take-profit-pct") { Description = "Default take-profit exit for every entry, in percent (default none)." };
        var fillProbability = new Option<decimal?>("--fill-probability")
        {
            Description = "Chance in [0, 1] that a resting limit fills when a quote only touches its price (default 1).",
        };
        var command = new Command("create", "Create a paper account (settings not given keep the schema's defaults). " +
            "Exit 2 when the name exists or a value is out of range (the constraint is named).");
        command.Arguments.Add(name);
        foreach (var option in new Option[]
        {
            capital, currency, shorting, leverage, feeRate, minFee, slippageModel, slippageRate, maxPosition, threshold, partial,
            stopLossPct, takeProfitPct, fillProbability,
        })
        {
            command.Options.Add(option);
        }

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

                await using (var update = new NpgsqlCommand(SettingsSql, transaction, tx))
                {
                    update.Parameters.Add(new NpgsqlParameter { Value = account });
                    update.Parameters.Add(CliParameters.Number(parse.GetValue(capital)));
                    update.Parameters.Add(CliParameters.Text(parse.GetValue(currency)?.ToUpperInvariant()));
                    update.Parameters.Add(CliParameters.Flag(parse.GetValue(shorting)));
                    update.Parameters.Add(CliParameters.Number(parse.GetValue(leverage)));
                    update.Parameters.Add(CliParameters.Number(parse.GetValue(feeRate)));
                    update.Parameters.Add(CliParameters.Number(parse.GetValue(minFee)));
                    update.Parameters.Add(CliParameters.Text(parse.GetValue(slippageModel)?.ToLowerInvariant()));
                    update.Parameters.Add(CliParameters.Number(parse.GetValue(slippageRate)));
                    update.Parameters.Add(CliParameters.Number(parse.GetValue(maxPosition)));
                    update.Parameters.Add(CliParameters.Number(parse.GetValue(threshold)));
                    update.Parameters.Add(CliParameters.Flag(parse.GetValue(partial)));
                    update.Parameters.Add(CliParameters.Number(parse.GetValue(stopLossPct)));
                    update.Parameters.Add(CliParameters.Number(parse.GetValue(takeProfitPct)));
                    update.Parameters.Add(CliParameters.Number(parse.GetValue(fillProbability)));
                    await update.ExecuteNonQueryAsync(cancellationToken);
                }

                await tx.CommitAsync(cancellationToken);
            }

            Print(parse, await ReadAsync(database.DataSource, account, includeArchives: false, cancellationToken), $"Created account {account}");
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static async Task<List<Dictionary<string, object?>>> ReadAsync(NpgsqlDataSource dataSource, string? account, bool includeArchives, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ListSql);
        command.Parameters.Add(CliParameters.Text(account));
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Boolean, Value = includeArchives });
        return await CliRows.ReadAsync(command, cancellationToken);
    }

    // Twenty-one settings wrap into an unreadable table at any width: by default the ones that tell accounts apart.
    private static readonly string[] NarrowColumns = ["account", "epoch", "base_currency", "initial_capital", "cash", "leverage", "allow_shorting", "halted"];

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
