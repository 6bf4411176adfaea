using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;
using Spectre.Console;

namespace Trading.Orchestrator.Cli;

/// <summary>
/// `trading accounts reset NAME [--capital X] [--reason TEXT]`: close the account's current epoch N (its rows keep it, still
/// readable with `--epoch N`) and start epoch N + 1 with a fresh book (reset_account()). The capital is always printed, so a reset
/// never changes it silently. A flat account only: an open position, a pending decision or an active order is refused
/// with the database's reason (<see cref="CliExitCodes.Refused"/>).
/// </summary>
public static class ResetCommand
{
    private const string ResetSql = "SELECT * FROM reset_account($1, $2, $3)";

    public static Command Create(IConfiguration configuration, ILoggerFactory loggers)
    {
        var name = new Argument<string>("name") { Description = "The account to reset." };
        var capital = new Option<decimal?>("--capital") { Description = "Capital of the new epoch; cash starts equal to it (default: the closed epoch's initial capital)." };
        var reason = new Option<string?>("--reason") { Description = "Why (kept with the closed epoch in v_paper_account_epochs)." };
        var command = new Command("reset", "Start a new epoch: the current one is closed (its history stays, e.g. `trading trades -a NAME --epoch N`), " +
            "cash starts at the capital; settings and risk limits stay. The account must be flat (exit 10 otherwise).")
        {
            name, capital, reason,
        };
        command.SetAction((parse, cancellationToken) => new CliDatabase(configuration, loggers).RunAsync(parse, "accounts reset", async database =>
        {
            var account = parse.GetValue(name)!;
            if (parse.GetValue(capital) is <= 0m)
            {
                return CliOutput.Error("accounts reset", $"--capital must be positive, got {parse.GetValue(capital)}.", ExitCodes.BadArguments);
            }

            if (!await CliDatabase.AccountExistsAsync(database, "accounts reset", account, cancellationToken))
            {
                return ExitCodes.NotFound;
            }

            await using var reset = database.DataSource.CreateCommand(ResetSql);
            reset.Parameters.Add(new NpgsqlParameter { Value = account });
            reset.Parameters.Add(CliParameters.Number(parse.GetValue(capital)));
            reset.Parameters.Add(CliParameters.Text(parse.GetValue(reason)));
            var row = (await CliRows.ReadAsync(reset, cancellationToken)).Single();
            if (parse.GetValue(CommonOptions.Json))
            {
                CliOutput.Json(row);
            }
            else
            {
                Print(row);
            }

            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static void Print(Dictionary<string, object?> row)
    {
        string Value(string column) => CliOutput.Escape(CliOutput.Format(row[column]));
        var currency = Value("base_currency");
        var trades = (long)row["archived_trades"]!;
        CliOutput.Console.MarkupLine(
            $"Reset [bold]{Value("account")}[/]: epoch {Value("archived_epoch")} is closed " +
            $"(capital {Value("archived_initial_capital")} + net deposits {Value("archived_net_deposits")}, " +
            $"final equity {Value("archived_final_equity")} {currency}, net P&L {Value("archived_net_pnl")}, " +
            $"{trades.ToString(CultureInfo.InvariantCulture)} closed trade{(trades == 1 ? string.Empty : "s")}).");
        var capital = (decimal)row["initial_capital"]!;
        var previous = (decimal)row["archived_initial_capital"]!;
        var change = capital == previous
            ? $"the initial capital of epoch {Value("archived_epoch")}"
            : $"changed from {Value("archived_initial_capital")}";
        CliOutput.Console.MarkupLine(
            $"Epoch [bold]{Value("epoch")}[/] starts with capital [bold]{Value("initial_capital")} {currency}[/] ({change}); cash {Value("cash")}.");
        if (row["halted"] is true)
        {
            CliOutput.Console.MarkupLine(
                $"[red]still halted[/] ({Value("halt_reason")}): `trading resume --account {Value("account")}` lets it trade.");
        }
    }
}
