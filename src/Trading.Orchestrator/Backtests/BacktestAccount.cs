using System.Text.Json.Nodes;
using Npgsql;
using Trading.Data.Execution;
using Trading.Engine.Execution;
using Trading.Engine.MarketData;
using Trading.Engine.Risk.Limits;

namespace Trading.Orchestrator.Backtests;

/// <summary>
/// The simulated account of a backtest, read from the database so it is built exactly as a paper account's: an existing
/// account's settings as they are, or those of a new account (the schema's defaults with the settings given), read from
/// a row inserted and rolled back. Also the instruments' rules.
/// </summary>
public static class BacktestAccount
{
    private static readonly string ReadSql = $"SELECT {AccountSettings.Columns}, to_jsonb(a) FROM accounts a WHERE a.account = $1";

    /// <summary>An account's settings; null when the caller cannot see such an account.</summary>
    public static async Task<(AccountConfig Config, TimeSpan Latency, JsonObject Json)?> ExistingAsync(
        NpgsqlDataSource dataSource, string account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await ReadAsync(connection, null, account, cancellationToken);
    }

    /// <summary>A new account's settings with <paramref name="settings"/> ($2 … of the settings UPDATE) applied; nothing is kept.</summary>
    public static async Task<(AccountConfig Config, TimeSpan Latency, JsonObject Json)> ScratchAsync(
        NpgsqlDataSource dataSource, IEnumerable<NpgsqlParameter> settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(settings);
        var name = "backtest-scratch-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var insert = new NpgsqlCommand("INSERT INTO accounts (account) VALUES ($1)", connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = name });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var update = new NpgsqlCommand(Cli.AccountSettingOptions.UpdateSql, connection, transaction))
        {
            update.Parameters.Add(new NpgsqlParameter { Value = name });
            update.Parameters.AddRange(settings.ToArray());
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        var read = await ReadAsync(connection, transaction, name, cancellationToken)
            ?? throw new InvalidOperationException("the scratch account vanished");
        await transaction.RollbackAsync(cancellationToken);
        read.Json.Remove("account");
        return read;
    }

    /// <summary>An account's risk limits, as the paper venue applies them.</summary>
    public static async Task<IReadOnlyList<RiskLimit>> LimitsAsync(NpgsqlDataSource dataSource, string account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand(RiskStore.LimitsSql);
        command.Parameters.Add(new NpgsqlParameter { Value = new[] { account } });
        var limits = new List<RiskLimit>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            limits.Add(RiskStore.ReadLimit(reader));
        }

        return limits;
    }

    /// <summary>The instruments' rules; the symbols missing from `instruments` are returned apart.</summary>
    public static async Task<(Dictionary<string, InstrumentSpec> Found, List<string> Missing)> InstrumentsAsync(
        NpgsqlDataSource dataSource, IReadOnlyList<string> symbols, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(symbols);
        await using var command = dataSource.CreateCommand("SELECT symbol, tick_size, lot_size, min_notional FROM instruments WHERE symbol = ANY ($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = symbols.ToArray() });
        var found = new Dictionary<string, InstrumentSpec>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                found[reader.GetString(0)] = new InstrumentSpec(reader.GetString(0), reader.GetDecimal(1), reader.GetDecimal(2), reader.GetDecimal(3));
            }
        }

        return (found, symbols.Where(s => !found.ContainsKey(s)).ToList());
    }

    private static async Task<(AccountConfig Config, TimeSpan Latency, JsonObject Json)?> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string account, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(ReadSql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = account });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var (config, _, latency) = AccountSettings.Read(reader);
        var json = JsonNode.Parse(reader.GetString(AccountSettings.Count))!.AsObject();
        foreach (var transient in new[] { "cash", "peak_equity", "halted", "halt_reason", "halted_at", "epoch", "epoch_started_at", "created_at", "updated_at" })
        {
            json.Remove(transient);
        }

        return (config, latency, json);
    }
}
