using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Trading.Data.MarketData;
using Trading.Engine.MarketData;
using Trading.Testing;

namespace Trading.Data.Tests.Schema;

/// <summary>
/// Functions that run as the owner resolve names through a pinned search_path (pg_temp last), and PUBLIC may not create
/// temporary objects: an agent login once became superuser through a temp view named `accounts` (issue 18, item 1).
/// </summary>
public sealed class SecurityDefinerTests(FreshDatabaseFixture fixture) : IClassFixture<FreshDatabaseFixture>
{
    private TestDatabase Database => fixture.Database;

    [Fact]
    public async Task InsertDecision_AgentShadowsAccountsWithTempView_AgentDoesNotBecomeSuperuser()
    {
        await using var agent = await TestLogin.CreateAsync(fixture.Cluster, Database, "trading_agent");
        await agent.GrantAsync("default");
        // TEMP granted to the login itself: the pinned path must hold even where a DBA handed out temporary schemas.
        await Database.ExecuteAsync($"GRANT TEMPORARY ON DATABASE \"{Database.Name}\" TO \"{agent.Name}\"");
        await using var connection = await agent.OpenAsync();

        await ExecuteAsync(connection, $"""
            CREATE FUNCTION pg_temp.escalate() RETURNS text LANGUAGE plpgsql AS
            $f$ BEGIN EXECUTE 'ALTER ROLE "{agent.Name}" SUPERUSER'; RETURN NULL; END $f$
            """);
        await ExecuteAsync(connection,
            "CREATE TEMP VIEW accounts AS SELECT 'x'::text AS account, 1 AS epoch, pg_temp.escalate() AS archived_of");
        await ExecuteAsync(connection, "INSERT INTO trading_decisions (symbol, decision, confidence) VALUES ('BTC/USDT', 'BUY', 0.7)");

        Assert.False(await Database.ScalarAsync<bool>("SELECT rolsuper FROM pg_roles WHERE rolname = $1", agent.Name));
    }

    [Fact]
    public async Task CreateTempView_AgentLogin_RefusedWithInsufficientPrivilege()
    {
        await using var agent = await TestLogin.CreateAsync(fixture.Cluster, Database, "trading_agent");
        await using var connection = await agent.OpenAsync();

        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            ExecuteAsync(connection, "CREATE TEMP VIEW accounts AS SELECT 'x'::text AS account"));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task WriteAsync_FeedLoginThroughStagingTable_StoresQuotes()
    {
        // The feed keeps TEMPORARY: its ingestion stages COPYs in a temporary table.
        await using var feed = await TestLogin.CreateAsync(fixture.Cluster, Database, "trading_feed");
        await using var dataSource = NpgsqlDataSource.Create(feed.ConnectionString);
        await using var ingestor = new QuoteIngestor(dataSource,
            new QuoteIngestorOptions { Duplicates = DuplicateHandling.Staging, NotifyInterval = TimeSpan.Zero, Source = "feed-login" },
            TimeProvider.System, NullLogger<QuoteIngestor>.Instance);
        var time = new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

        var result = await ingestor.WriteAsync(
            [new QuoteRow(new Quote("FEEDROLE/USDT", time, 100m, 100.02m, 100.01m, 1m, 1m)), new QuoteRow(new Quote("FEEDROLE/USDT", time.AddSeconds(1), 100m, 100.02m, 100.01m, 1m, 1m))],
            CancellationToken.None);

        Assert.Equal(2, result.Written);
        Assert.Equal(2, await Database.ScalarAsync<int>("SELECT count(*) FROM market_prices WHERE symbol = 'FEEDROLE/USDT'"));
    }

    [Fact]
    public async Task SecurityDefinerFunctions_Catalogue_EachPinsSearchPathWithTempLast()
    {
        var functions = await Database.QueryAsync("""
            SELECT p.oid::regprocedure::text AS name,
                   (SELECT c FROM unnest(p.proconfig) c WHERE c LIKE 'search_path=%') AS search_path
            FROM pg_proc p
            WHERE p.pronamespace = 'public'::regnamespace AND p.prosecdef
            ORDER BY 1
            """);

        Assert.Contains(functions, f => (string)f["name"]! == "trading_fill_epoch()");
        Assert.All(functions, f => Assert.True(
            f["search_path"] is string path && path.StartsWith("search_path=pg_catalog,", StringComparison.Ordinal)
                && path.EndsWith(", pg_temp", StringComparison.Ordinal) && !path.Contains("$user", StringComparison.Ordinal),
            $"{f["name"]} runs as its owner with {f["search_path"] ?? "the caller's search_path"}"));
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
