using System.Diagnostics;
using Npgsql;

namespace Trading.Orchestrator.Feeds.Benchmarks;

/// <summary>
/// SELECT * FROM v_latest_prices with many quotes stored: fills market_prices on a scratch database with
/// generate_series (spread evenly over the instruments), then times repeated reads from the client's side.
/// </summary>
public sealed class LatestBenchmark(ScratchDatabase database, long rows, int instruments, int runs)
{
    private const string RegisterSql = """
        INSERT INTO instruments (symbol) SELECT 'BENCH' || g FROM generate_series(1, $1) g ON CONFLICT DO NOTHING
        """;

    // Synthetic but valid quotes, one a second per symbol, in key order (as a feed appends them).
    private const string FillSql = """
        INSERT INTO market_prices (time, symbol, bid, ask, last, bid_size, ask_size, source)
        SELECT timestamptz '2020-01-01 00:00:00+00' + g * interval '1 second', $1,
               100 + (g % 1000) * 0.01, 100.02 + (g % 1000) * 0.01, 100.01 + (g % 1000) * 0.01, 1, 1, 'bench'
        FROM generate_series(1, $2) g
        """;

    private const string LatestSql = "SELECT * FROM v_latest_prices";

    public async Task<LatestFigures> RunAsync(IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var fill = Stopwatch.StartNew();
        await using (var register = database.DataSource.CreateCommand(RegisterSql))
        {
            register.Parameters.Add(new NpgsqlParameter { Value = Math.Max(0, instruments - 3) });
            await register.ExecuteNonQueryAsync(cancellationToken);
        }

        var symbols = new List<string>();
        await using (var list = database.DataSource.CreateCommand("SELECT symbol FROM instruments ORDER BY symbol"))
        await using (var reader = await list.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                symbols.Add(reader.GetString(0));
            }
        }

        long stored = 0;
        for (var i = 0; i < symbols.Count; i++)
        {
            var share = (rows / symbols.Count) + (i < rows % symbols.Count ? 1 : 0);
            await using var insert = database.DataSource.CreateCommand(FillSql);
            insert.CommandTimeout = 0;
            insert.Parameters.Add(new NpgsqlParameter { Value = symbols[i] });
            insert.Parameters.Add(new NpgsqlParameter { Value = share });
            stored += await insert.ExecuteNonQueryAsync(cancellationToken);
            progress?.Report(stored);
        }

        await database.ExecuteAsync("VACUUM ANALYZE market_prices", cancellationToken);
        fill.Stop();

        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(LatestSql, connection);
        await command.PrepareAsync(cancellationToken);
        var timings = new List<TimeSpan>(runs);
        var returned = 0;
        for (var i = 0; i < runs + 20; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            returned = 0;
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    returned++;
                }
            }

            stopwatch.Stop();
            if (i >= 20)
            {
                // The first 20 warm the plan cache and the buffers.
                timings.Add(stopwatch.Elapsed);
            }
        }

        string plan;
        await using (var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS, SUMMARY ON) " + LatestSql, connection))
        await using (var reader = await explain.ExecuteReaderAsync(cancellationToken))
        {
            var lines = new List<string>();
            while (await reader.ReadAsync(cancellationToken))
            {
                lines.Add(reader.GetString(0));
            }

            plan = string.Join('\n', lines);
        }

        timings.Sort();
        return new LatestFigures(stored, symbols.Count, returned, fill.Elapsed, timings, plan);
    }
}
