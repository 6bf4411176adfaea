using Npgsql;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Deployment;

/// <summary>
/// Every SQL text of the Grafana dashboard, macros expanded, run on a freshly migrated database that holds a little of
/// everything (snapshots, a position, a closed trade, decisions, a working order, a quote): once as the schema owner, and once logged in as
/// the read-only login that db-init/grafana-reader.sql creates for Grafana, with exactly its privileges and settings.
/// </summary>
public sealed class DashboardQueryTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private static readonly string[] NumericTypes = ["numeric", "double precision", "bigint", "integer"];

    private const string SeedSql = """
        INSERT INTO market_prices (time, symbol, bid, ask) VALUES (now() - interval '5 seconds', 'BTC/USDT', 64999.99, 65000.01);
        INSERT INTO paper_portfolio_snapshots (time, account, cash, positions_value, total_value, gross_exposure, unrealized_pnl,
                                               realized_pnl, total_pnl, total_pnl_pct, num_positions)
        SELECT now() - g * interval '1 hour', 'default', 9350, 650 + g % 7 * 10, 10000 + g % 7 * 10, 650, g % 7 * 10, 0, g % 7 * 10, g % 7 * 0.1, 1
        FROM generate_series(0, 72) g;
        INSERT INTO paper_positions (account, symbol, side, quantity, cost_basis, entry_fees, opened_at, updated_at)
        VALUES ('default', 'BTC/USDT', 'long', 0.01, 640, 1, now() - interval '1 day', now());
        INSERT INTO paper_trades (account, symbol, side, quantity, entry_price, exit_price, entry_cost, exit_notional, entry_time, exit_time,
                                  realized_pnl, entry_fees, exit_fees, net_pnl, close_order_id)
        VALUES ('default', 'ETH/USDT', 'long', 1, 3000, 3100, 3000, 3100, now() - interval '2 days', now() - interval '1 day', 100, 1, 1, 98, 1);
        INSERT INTO trading_decisions (symbol, decision, confidence) VALUES ('BTC/USDT', 'BUY', 0.75), ('ETH/USDT', 'HOLD', 0.5);
        INSERT INTO paper_orders (account, symbol, side, order_type, quantity, limit_price, status, created_at, updated_at, evaluated_through)
        VALUES ('default', 'BTC/USDT', 'buy', 'limit', 0.01, 60000, 'open', now(), now(), now());
        SELECT refresh_account_stats();
        """;

    private readonly string readerRole = $"grafana_test_{Environment.ProcessId}_{Guid.NewGuid().ToString("N")[..8]}";
    private readonly string readerPassword = Guid.NewGuid().ToString("N");
    private string? readerUnavailable;

    public static TheoryData<string> QueryNames => new(DashboardFile.Queries().Select(q => q.Name));

    public async Task InitializeAsync()
    {
        if (await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM paper_portfolio_snapshots") == 0)
        {
            await fixture.Database.ExecuteAsync(SeedSql);
        }

        // The init script's SQL as psql would send it, with its two variables filled in.
        var sql = RepositoryFiles.ReadAllText("infrastructure/docker/db-init/grafana-reader.sql")
            .Replace(":\"reader_role\"", $"\"{readerRole}\"", StringComparison.Ordinal)
            .Replace(":'reader_password'", $"'{readerPassword}'", StringComparison.Ordinal);
        try
        {
            await fixture.Database.ExecuteAsync(sql);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            readerUnavailable = $"the test server's role may not create roles ({e.MessageText})";
        }
    }

    public async Task DisposeAsync()
    {
        if (readerUnavailable is null)
        {
            NpgsqlConnection.ClearAllPools();
            await fixture.Database.ExecuteAsync($"DROP ROLE IF EXISTS \"{readerRole}\"");
        }
    }

    [Fact]
    public void Queries_Dashboard_HaveUniqueNames()
    {
        var names = DashboardFile.Queries().Select(q => q.Name).ToList();

        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(QueryNames))]
    public async Task Query_AsSchemaOwner_RunsAndReturnsRows(string name)
    {
        var query = DashboardFile.Queries().Single(q => q.Name == name);

        var (columns, rows) = await RunAsync(fixture.Database.ConnectionString, GrafanaMacros.Expand(query.RawSql));

        Assert.True(rows > 0, $"{name} returned no rows on the seeded account");
        AssertShape(query, columns);
    }

    [SkippableTheory]
    [MemberData(nameof(QueryNames))]
    public async Task Query_AsReadOnlyGrafanaLogin_Runs(string name)
    {
        Skip.If(readerUnavailable is not null, readerUnavailable);
        var query = DashboardFile.Queries().Single(q => q.Name == name);

        var (columns, rows) = await RunAsync(ReaderConnectionString(), GrafanaMacros.Expand(query.RawSql));

        Assert.True(rows > 0, $"{name} returned no rows for the Grafana login");
        AssertShape(query, columns);
    }

    [SkippableFact]
    public async Task GrafanaLogin_InsertDecision_RefusedAsReadOnly()
    {
        Skip.If(readerUnavailable is not null, readerUnavailable);
        await using var connection = new NpgsqlConnection(ReaderConnectionString());
        await connection.OpenAsync();
        await using var insert = new NpgsqlCommand("INSERT INTO trading_decisions (symbol, decision, confidence) VALUES ('BTC/USDT', 'BUY', 0.9)", connection);

        var error = await Assert.ThrowsAsync<PostgresException>(() => insert.ExecuteNonQueryAsync());

        Assert.Equal(PostgresErrorCodes.ReadOnlySqlTransaction, error.SqlState);
    }

    [SkippableFact]
    public async Task GrafanaLogin_ReadWriteTransaction_StillHasNoWriteGrant()
    {
        Skip.If(readerUnavailable is not null, readerUnavailable);
        await using var connection = new NpgsqlConnection(ReaderConnectionString());
        await connection.OpenAsync();
        // A user may switch the session default off; pg_read_all_data still grants no INSERT.
        await using (var readWrite = new NpgsqlCommand("SET default_transaction_read_only = off", connection))
        {
            await readWrite.ExecuteNonQueryAsync();
        }

        await using var insert = new NpgsqlCommand("INSERT INTO trading_decisions (symbol, decision, confidence) VALUES ('BTC/USDT', 'BUY', 0.9)", connection);

        var error = await Assert.ThrowsAsync<PostgresException>(() => insert.ExecuteNonQueryAsync());

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public void Expand_UnknownMacro_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => GrafanaMacros.Expand("SELECT $__unixEpochFilter(time)"));
    }

    private static void AssertShape(DashboardQuery query, IReadOnlyList<(string Name, string Type)> columns)
    {
        if (query.IsTimeSeries)
        {
            // Grafana's time_series format needs a timestamp column named "time" and numeric value columns.
            Assert.Equal(("time", "timestamp with time zone"), columns[0]);
            Assert.All(columns.Skip(1), c => Assert.Contains(c.Type, NumericTypes));
        }
    }

    private string ReaderConnectionString() =>
        new NpgsqlConnectionStringBuilder(fixture.Database.ConnectionString) { Username = readerRole, Password = readerPassword, Pooling = false }.ConnectionString;

    private static async Task<(IReadOnlyList<(string Name, string Type)> Columns, int Rows)> RunAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var columns = Enumerable.Range(0, reader.FieldCount).Select(i => (reader.GetName(i), reader.GetDataTypeName(i))).ToList();
        var rows = 0;
        while (await reader.ReadAsync())
        {
            rows++;
        }

        return (columns, rows);
    }
}
