using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Trading.Orchestrator.Cli;

/// <summary>`trading accounts deposit|withdraw NAME AMOUNT`: cash in or out through the ledger (deposit()/withdraw()).</summary>
public static class FundCommand
{
    public static Command Create(string verb, IConfiguration configuration, ILoggerFactory loggers)
    {
        var name = new Argument<string>("name") { Description = "The account." };
        var amount = new Argument<decimal>("amount") { Description = "A positive amount in the account's currency." };
        var note = new Option<string?>("--note") { Description = "Kept in the ledger entry." };
        var command = new Command(verb, verb == "deposit" ? "Add cash to an account (a ledger entry)." : "Take cash out of an account (a ledger entry; never below zero).")
        {
            name, amount, note,
        };
        command.SetAction((parse, cancellationToken) => new CliDatabase(configuration, loggers).RunAsync(parse, $"accounts {verb}", async database =>
        {
            var account = parse.GetValue(name)!;
            var value = parse.GetValue(amount);
            if (value <= 0)
            {
                return CliOutput.Error($"accounts {verb}", $"the amount must be positive, got {value}.", ExitCodes.BadArguments);
            }

            if (!await CliDatabase.AccountExistsAsync(database, $"accounts {verb}", account, cancellationToken))
            {
                return ExitCodes.NotFound;
            }

            await using var fund = database.DataSource.CreateCommand($"SELECT {(verb == "deposit" ? "deposit" : "withdraw")}($1, $2, $3)");
            fund.Parameters.Add(new NpgsqlParameter { Value = account });
            fund.Parameters.Add(new NpgsqlParameter { Value = value });
            fund.Parameters.Add(new NpgsqlParameter { Value = (object?)parse.GetValue(note) ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            try
            {
                var cash = (decimal)(await fund.ExecuteScalarAsync(cancellationToken))!;
                if (parse.GetValue(CommonOptions.Json))
                {
                    CliOutput.Json(new { account, amount = value, cash });
                }
                else
                {
                    Console.WriteLine($"{verb} {CliOutput.Format(value)} {(verb == "deposit" ? "to" : "from")} {account}: cash now {CliOutput.Format(cash)}");
                }

                return ExitCodes.Success;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.CheckViolation && verb == "withdraw"
                                              && e.MessageText.Contains("exceeds the cash", StringComparison.Ordinal))
            {
                // The amount is well formed; the account's cash is what refuses it, so this is a state refusal (exit 10)
                // like a reset with open positions, not bad arguments. withdraw() raises it as check_violation.
                return CliOutput.Error($"accounts {verb}", e.MessageText, CliExitCodes.Refused);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.CheckViolation)
            {
                return CliOutput.Error($"accounts {verb}", e.MessageText, ExitCodes.BadArguments);
            }
        }, cancellationToken));
        return command;
    }
}
