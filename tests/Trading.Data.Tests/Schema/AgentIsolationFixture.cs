using System.Text.RegularExpressions;
using Trading.Testing;

namespace Trading.Data.Tests.Schema;

/// <summary>
/// Three accounts with a row in every table and view an agent reaches (PortfolioFixture.sql's hand-computed account, an
/// open order, a cancel request, a decision, a strategy session, a risk limit each), and four real logins:
/// Alice trades iso-a and reads iso-c; Bob trades iso-b; Reader reads iso-b; Nobody (a reader) has no grant.
/// </summary>
public sealed partial class AgentIsolationFixture : IAsyncLifetime
{
    public static readonly string[] Accounts = ["iso-a", "iso-b", "iso-c"];

    private static readonly string PortfolioSql = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Views", "PortfolioFixture.sql"));

    public TestCluster Cluster { get; private set; } = null!;

    public TestDatabase Database { get; private set; } = null!;

    public TestLogin Alice { get; private set; } = null!;

    public TestLogin Bob { get; private set; } = null!;

    public TestLogin Reader { get; private set; } = null!;

    public TestLogin Nobody { get; private set; } = null!;

    /// <summary>The open limit order of each account (cancel requests name it).</summary>
    public Dictionary<string, long> OpenOrders { get; } = new(StringComparer.Ordinal);

    /// <summary>The running strategy session of each account.</summary>
    public Dictionary<string, long> Sessions { get; } = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        Cluster = await TestCluster.GetAsync();
        Database = await Cluster.CreateDatabaseAsync();
        for (var i = 0; i < Accounts.Length; i++)
        {
            var account = Accounts[i];
            // The same account three times: its ids shifted per account (1001 -> 1101, 2001 -> 2101, ...).
            var sql = FixedIds().Replace(PortfolioSql.Replace("'acme'", $"'{account}'", StringComparison.Ordinal), m => $"{m.Groups[1].Value}{i}0{m.Groups[2].Value}");
            await Database.ExecuteAsync(sql);
            // The BTC buy of the portfolio as an executed decision's order, so v_paper_shortfall has a row per account.
            var decision = await Database.ScalarAsync<long>(
                "INSERT INTO trading_decisions (account, symbol, decision, confidence) VALUES ($1, 'BTC/USDT', 'BUY', 0.7) RETURNING id", account);
            await Database.ExecuteAsync(
                "UPDATE trading_decisions SET status = 'executed', status_reason = 'fixture', order_id = $2, processed_at = now() WHERE id = $1",
                decision, 1001L + (100L * i));
            await Database.ExecuteAsync("UPDATE paper_orders SET decision_id = $1 WHERE order_id = $2", decision, 1001L + (100L * i));
            OpenOrders[account] = await Database.ScalarAsync<long>("""
                INSERT INTO paper_orders (account, symbol, side, order_type, quantity, limit_price, status, created_at, updated_at, evaluated_through)
                VALUES ($1, 'BTC/USDT', 'buy', 'limit', 0.01, 40000, 'open', now(), now(), now()) RETURNING order_id
                """, account);
            await Database.ExecuteAsync("INSERT INTO paper_cancel_requests (account, order_id, reason) VALUES ($1, $2, 'fixture')", account, OpenOrders[account]);
            await Database.ExecuteAsync(
                "INSERT INTO trading_decisions (account, symbol, decision, confidence, reasoning) VALUES ($1, 'BTC/USDT', 'HOLD', 0.5, 'private reasoning')", account);
            Sessions[account] = await Database.ScalarAsync<long>(
                """INSERT INTO strategy_sessions (name, config, account) VALUES ('iso', '{"name": "iso"}', $1) RETURNING session_id""", account);
            await Database.ExecuteAsync("INSERT INTO paper_risk_limits (account, kind, threshold) VALUES ($1, 'max_open_positions', 5)", account);
        }

        Alice = await TestLogin.CreateAsync(Cluster, Database, "trading_agent");
        Bob = await TestLogin.CreateAsync(Cluster, Database, "trading_agent");
        Reader = await TestLogin.CreateAsync(Cluster, Database, "trading_reader");
        Nobody = await TestLogin.CreateAsync(Cluster, Database, "trading_reader");
        await Alice.GrantAsync("iso-a");
        await Alice.GrantAsync("iso-c", canTrade: false);
        await Bob.GrantAsync("iso-b");
        await Reader.GrantAsync("iso-b", canTrade: false);
    }

    public async Task DisposeAsync()
    {
        foreach (var login in new[] { Alice, Bob, Reader, Nobody })
        {
            if (login is not null)
            {
                await login.DisposeAsync();
            }
        }

        await Database.DisposeAsync();
    }

    [GeneratedRegex(@"\b([12])00([1-4])\b")]
    private static partial Regex FixedIds();
}
