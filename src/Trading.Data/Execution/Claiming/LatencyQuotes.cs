using Npgsql;
using Trading.Data.Execution.Reading;
using Trading.Engine.Execution;
using Trading.Engine.MarketData;

namespace Trading.Data.Execution.Claiming;

/// <summary>
/// Step 4 of a claim, for accounts whose decisions are priced after a delay: fetch each delayed decision's quote, then
/// keep the decisions <see cref="LatencyReadiness"/> says are ready (the rule is the engine's; this only reads quotes).
/// </summary>
internal static class LatencyQuotes
{
    // The first quote at or after each decision's target (creation or price moment + latency), if it exists by now.
    private const string Sql = """
        SELECT d.id, q.time, q.bid, q.ask, q.last, q.bid_size, q.ask_size
        FROM unnest($1::bigint[], $2::text[], $3::timestamptz[]) AS d(id, symbol, target)
        CROSS JOIN LATERAL (
            SELECT m.time, m.bid, m.ask, m.last, m.bid_size, m.ask_size FROM market_prices m
            WHERE m.symbol = d.symbol AND m.time >= d.target AND m.time <= $4
            ORDER BY m.time
            LIMIT 1
        ) q
        """;

    public static async Task ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ClaimState state, CancellationToken cancellationToken)
    {
        var targets = state.AccountNames
            .ToDictionary(a => a, a => state.Decisions[a].Select(d => (d.Request, Target: d.PriceTarget(state.Accounts[a].Config))).ToList(), StringComparer.Ordinal);
        var delayed = targets.Values.SelectMany(t => t).Where(t => t.Target is not null).ToList();
        if (delayed.Count == 0)
        {
            return;
        }

        var quotes = await FetchAsync(connection, transaction, delayed, state.Now, cancellationToken);
        foreach (var (account, decisions) in targets)
        {
            var ready = LatencyReadiness.Ready(decisions, quotes, state.Accounts[account].Config.StalenessBound, state.Now);
            var pending = state.Decisions[account];
            // The ready decisions are a prefix of the pending ones, in the same order.
            var kept = pending.Take(ready.Count).Select((d, i) => d with { Request = ready[i] }).ToList();
            pending.Clear();
            pending.AddRange(kept);
        }
    }

    private static async Task<Dictionary<long, Quote>> FetchAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<(DecisionRequest Request, DateTimeOffset? Target)> delayed,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var symbols = delayed.ToDictionary(p => p.Request.Id, p => p.Request.Symbol);
        var found = new Dictionary<long, Quote>();
        await using var command = new NpgsqlCommand(Sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = delayed.Select(p => p.Request.Id).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = delayed.Select(p => p.Request.Symbol).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = delayed.Select(p => p.Target!.Value.ToUniversalTime()).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = now.ToUniversalTime() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var row = new NamedColumns(reader);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = row.Int64("id");
            found[id] = QuoteRows.Read(row, symbols[id]);
        }

        return found;
    }
}
