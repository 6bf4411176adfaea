using Trading.Orchestrator.Tests.Strategies;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Comparisons;

/// <summary>A database with seed 004's RSI strategy run once to its end as a replay session (<see cref="RsiReplay"/>), shared by a test class.</summary>
public sealed class ComparedSessionFixture : IAsyncLifetime
{
    private readonly DatabaseFixture database = new();

    public TestDatabase Database => database.Database;

    public string Folder { get; } = Directory.CreateTempSubdirectory("trading-compare-").FullName;

    public long Session { get; private set; }

    public const string Account = "compare-rsi";

    public async Task InitializeAsync()
    {
        await database.InitializeAsync();
        (Session, _) = await RsiReplay.StartAsync(Database, Folder, Account);
        await RsiReplay.RunToEndAsync(Database, Session);
    }

    public async Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        await database.DisposeAsync();
    }
}
