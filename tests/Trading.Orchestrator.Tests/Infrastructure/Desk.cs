using Trading.Orchestrator.Execution;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Infrastructure;

/// <summary>A trading desk over a test database: set quotes and the clock, send decisions, execute them.</summary>
public sealed class Desk(TestDatabase database)
{
    private readonly ManualTimeProvider clock = new(new DateTimeOffset(2026, 11, 2, 12, 0, 0, TimeSpan.Zero).AddTicks(Random.Shared.Next(1_000_000)));

    public TestDatabase Database => database;

    public DateTimeOffset Now => clock.Now;

    public async Task CreateAccountAsync(string account, string settings = "")
    {
        var columns = string.IsNullOrEmpty(settings) ? string.Empty : ", " + string.Join(", ", settings.Split(',').Select(s => s.Split('=')[0].Trim()));
        var values = string.IsNullOrEmpty(settings) ? string.Empty : ", " + string.Join(", ", settings.Split(',').Select(s => s.Split('=')[1].Trim()));
        await database.ExecuteAsync($"INSERT INTO accounts (account{columns}) VALUES ($1{values})", account);
    }

    public Task InstrumentAsync(string symbol, decimal tick = 0.01m, decimal lot = 0.001m) =>
        database.ExecuteAsync("INSERT INTO instruments (symbol, tick_size, lot_size, min_notional) VALUES ($1, $2, $3, 0) ON CONFLICT DO NOTHING", symbol, tick, lot);

    public void SetClock(DateTimeOffset now) => clock.Now = now;

    public Task QuoteAtAsync(string symbol, DateTimeOffset time, decimal bid, decimal ask) =>
        database.ExecuteAsync("INSERT INTO market_prices (time, symbol, bid, ask) VALUES ($1, $2, $3, $4)", time, symbol, bid, ask);

    /// <summary>Publishes a quote now and moves the clock one second on.</summary>
    public async Task QuoteAsync(string symbol, decimal bid, decimal ask, TimeSpan? age = null)
    {
        await database.ExecuteAsync("INSERT INTO market_prices (time, symbol, bid, ask) VALUES ($1, $2, $3, $4)",
            clock.Now - (age ?? TimeSpan.Zero), symbol, bid, ask);
        clock.Now += TimeSpan.FromSeconds(1);
    }

    /// <summary>
    /// A decision made at the desk's clock. The database stamps the real time; the desk's world runs on its own clock,
    /// and the orchestrator never executes a decision before its creation, so the stamp is moved to the desk's time.
    /// </summary>
    public async Task<long> DecideAsync(string account, string symbol, string decision, decimal? quantity = null, decimal confidence = 0.9m)
    {
        var id = await database.ScalarAsync<long>(
            "INSERT INTO trading_decisions (account, symbol, decision, confidence, quantity) VALUES ($1, $2, $3, $4, $5) RETURNING id",
            account, symbol, decision, confidence, quantity);
        await AtDeskTimeAsync(id);
        return id;
    }

    /// <summary>Moves a decision to the desk's clock: the database stamped it with the real time.</summary>
    public Task AtDeskTimeAsync(long decisionId) =>
        database.ExecuteAsync("UPDATE trading_decisions SET created_at = $2 WHERE id = $1", decisionId, clock.Now);

    /// <summary>Executes until a batch makes no progress (no decision finished, no order or cancel request changed); returns the decisions finished.</summary>
    public async Task<int> ExecuteAllAsync()
    {
        // Decisions that SQL wrote (a kill switch's CLOSE) carry the real time: in the desk's world they were made now.
        await database.ExecuteAsync("UPDATE trading_decisions SET created_at = $1 WHERE status = 'pending' AND created_at > $1", clock.Now);
        var executor = new DecisionExecutor(database.DataSource, clock);
        var total = 0;
        for (var round = 0; ; round++)
        {
            var outcome = await executor.ExecuteAsync(8, 500, null, CancellationToken.None);
            total += outcome.Count;
            if (!outcome.MadeProgress)
            {
                return total;
            }

            Assert.True(round < 1000, "the executor keeps finding work: an account never stops being due");
        }
    }

    public Task QuoteAtAsync(string symbol, DateTimeOffset time, decimal bid, decimal ask, decimal? bidSize, decimal? askSize) =>
        database.ExecuteAsync("INSERT INTO market_prices (time, symbol, bid, ask, bid_size, ask_size) VALUES ($1, $2, $3, $4, $5, $6)",
            time, symbol, bid, ask, bidSize, askSize);

    /// <summary>Inserts a decision with extra columns, e.g. ("order_type, limit_price", "limit", 99m); returns its id.</summary>
    public async Task<long> DecideAsync(string account, string symbol, string decision, decimal? quantity, string columns, params object?[] values)
    {
        var placeholders = string.Join(", ", values.Select((_, i) => $"${i + 5}"));
        var id = await database.ScalarAsync<long>(
            $"INSERT INTO trading_decisions (account, symbol, decision, confidence, quantity, {columns}) VALUES ($1, $2, $3, 0.9, $4, {placeholders}) RETURNING id",
            [account, symbol, decision, quantity, .. values]);
        await AtDeskTimeAsync(id);
        return id;
    }

    /// <summary>Moves the clock by <paramref name="by"/>.</summary>
    public void Advance(TimeSpan by) => clock.Now += by;

    public async Task<(string Status, string Reason)> OutcomeAsync(long decision)
    {
        var row = (await database.QueryAsync("SELECT status, status_reason FROM trading_decisions WHERE id = $1", decision)).Single();
        return ((string)row["status"]!, (string)row["status_reason"]!);
    }

    public Task<decimal> CashAsync(string account) => database.ScalarAsync<decimal>("SELECT cash FROM accounts WHERE account = $1", account);
}
