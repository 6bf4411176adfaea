using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Trading.Orchestrator.Feeds;

namespace Trading.Orchestrator.Cli;

/// <summary>
/// `trading instruments add SYMBOL --tick T --lot L [--min-notional N] | list`: the symbols decisions may trade, with the
/// venue's price step, quantity step and smallest order. The same as <c>INSERT INTO instruments (symbol, tick_size,
/// lot_size, min_notional) VALUES (...)</c>; the table's CHECKs (0001, 0012, their sentences 0018) validate both.
/// </summary>
public static class InstrumentsCommand
{
    private const string ListSql = """
        SELECT i.symbol, i.tick_size, i.lot_size, i.min_notional, q.time AS last_quote, i.created_at
        FROM instruments i
        LEFT JOIN LATERAL (SELECT time FROM market_prices m WHERE m.symbol = i.symbol ORDER BY time DESC LIMIT 1) q ON true
        WHERE $1::text IS NULL OR i.symbol = $1
        ORDER BY i.symbol
        """;

    private const string AddSql = """
        INSERT INTO instruments (symbol, tick_size, lot_size, min_notional) VALUES ($1, $2, $3, $4)
        ON CONFLICT (symbol) DO NOTHING
        """;

    public static Command Create(IConfiguration configuration, ILoggerFactory loggers)
    {
        var command = new Command("instruments", "The symbols decisions may trade, with their tick size, lot size and minimum notional.");
        command.Subcommands.Add(Add(configuration, loggers));
        command.Subcommands.Add(List(configuration, loggers));
        return command;
    }

    private static Command Add(IConfiguration configuration, ILoggerFactory loggers)
    {
        var symbol = new Argument<string>("symbol") { Description = "BASE/QUOTE in capitals and digits, e.g. DOGE/USDT." };
        var tick = new Option<decimal>("--tick") { Description = "Required: the price step (prices are rounded to it), above 0, e.g. 0.00001.", Required = true };
        var lot = new Option<decimal>("--lot") { Description = "Required: the quantity step (sizes are rounded down to it), above 0, e.g. 1.", Required = true };
        var minNotional = new Option<decimal>("--min-notional") { Description = "The smallest order value the venue accepts (default 0).", DefaultValueFactory = _ => 0m };
        var command = new Command("add", "Register a symbol with its venue's settings (look them up on the venue: Binance's exchangeInfo " +
            "PRICE_FILTER tickSize, LOT_SIZE stepSize, NOTIONAL minNotional). Exit 0 added; 2 invalid or already registered.")
        {
            symbol, tick, lot, minNotional,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            string name;
            try
            {
                name = CliValues.Symbols("symbol", [parse.GetValue(symbol)!]).Single();
            }
            catch (ArgumentException e)
            {
                return Task.FromResult(CliOutput.Error("instruments add", e.Message, ExitCodes.BadArguments));
            }

            var (tickSize, lotSize, minimum) = (parse.GetValue(tick), parse.GetValue(lot), parse.GetValue(minNotional));
            // The columns hold 10 (tick) and 12 (lot) places: a finer step would be rounded, silently, to another one.
            if (DisplayNumber.Places(tickSize) > 10 || DisplayNumber.Places(lotSize) > 12)
            {
                return Task.FromResult(CliOutput.Error("instruments add",
                    $"--tick has at most 10 decimal places and --lot at most 12 (got {CliOutput.Format(tickSize)} and {CliOutput.Format(lotSize)}).", ExitCodes.BadArguments));
            }

            return new CliDatabase(configuration, loggers).RunAsync(parse, "instruments add", async database =>
            {
                await using (var insert = database.DataSource.CreateCommand(AddSql))
                {
                    insert.Parameters.Add(CliParameters.Text(name));
                    insert.Parameters.Add(CliParameters.Number(tickSize));
                    insert.Parameters.Add(CliParameters.Number(lotSize));
                    insert.Parameters.Add(CliParameters.Number(minimum));
                    if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
                    {
                        var existing = (await ReadAsync(database, name, cancellationToken)).Single();
                        return CliOutput.Error("instruments add",
                            $"{name} is already registered (tick {CliOutput.Format(existing["tick_size"])}, lot {CliOutput.Format(existing["lot_size"])}, " +
                            $"min notional {CliOutput.Format(existing["min_notional"])}); to change it: UPDATE instruments SET tick_size = ..., lot_size = ..., " +
                            $"min_notional = ... WHERE symbol = '{name}' (resting orders keep the prices they were placed at).",
                            ExitCodes.BadArguments);
                    }
                }

                CliOutput.Rows(parse, await ReadAsync(database, name, cancellationToken), $"added {name}");
                return ExitCodes.Success;
            }, cancellationToken);
        });
        return command;
    }

    private static Command List(IConfiguration configuration, ILoggerFactory loggers)
    {
        var command = new Command("list", "Every registered symbol: tick size, lot size, minimum notional, its newest quote's time.");
        command.SetAction((parse, cancellationToken) => new CliDatabase(configuration, loggers).RunAsync(parse, "instruments list", async database =>
        {
            CliOutput.Rows(parse, await ReadAsync(database, null, cancellationToken), "Instruments");
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static async Task<List<Dictionary<string, object?>>> ReadAsync(Hosting.Database database, string? symbol, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(ListSql);
        command.Parameters.Add(CliParameters.Text(symbol));
        return await CliRows.ReadAsync(command, cancellationToken);
    }
}
