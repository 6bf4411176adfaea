using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Trading.Orchestrator.Demo;

/// <summary>
/// The demo's stand-in for an LLM agent: writes decisions by plain SQL INSERT, as any agent would, with varied
/// verbs, confidence and risk, at a steady pace. Seeded, so two demos from scratch send the same decisions.
/// </summary>
public sealed class SampleAgent(NpgsqlDataSource dataSource, SampleAgentOptions options, TimeProvider time) : BackgroundService
{
    private static readonly string[] Symbols = ["BTC/USDT", "ETH/USDT", "SOL/USDT"];
    private static readonly (string Verb, int Weight, string Why)[] Verbs =
    [
        ("BUY", 40, "momentum turning up"),
        ("SELL", 32, "overextended, taking profit"),
        ("CLOSE", 10, "thesis invalidated, flattening"),
        ("HOLD", 18, "no edge right now"),
    ];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var random = new Random(options.Seed);
        using var timer = new PeriodicTimer(options.Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var pick = random.Next(100);
                var verb = Verbs.First(v => (pick -= v.Weight) < 0);
                await using var insert = dataSource.CreateCommand("""
                    INSERT INTO trading_decisions (account, agent, strategy, symbol, decision, confidence, risk_score, reasoning)
                    VALUES ($1, 'demo-agent', 'demo', $2, $3, $4, $5, $6)
                    """);
                insert.Parameters.Add(new NpgsqlParameter { Value = options.Account });
                insert.Parameters.Add(new NpgsqlParameter { Value = Symbols[random.Next(Symbols.Length)] });
                insert.Parameters.Add(new NpgsqlParameter { Value = verb.Verb });
                insert.Parameters.Add(new NpgsqlParameter { Value = Math.Round(0.4m + (random.Next(61) / 100m), 2) });
                insert.Parameters.Add(new NpgsqlParameter { Value = Math.Round(random.Next(81) / 100m, 2) });
                insert.Parameters.Add(new NpgsqlParameter { Value = verb.Why });
                await insert.ExecuteNonQueryAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The demo is stopping.
        }
        catch (NpgsqlException)
        {
            // A lost connection ends the agent only; the orchestrator keeps running what was sent.
        }
    }
}
