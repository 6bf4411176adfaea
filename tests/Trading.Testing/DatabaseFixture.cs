using Xunit;

namespace Trading.Testing;

/// <summary>xunit class fixture: a fresh migrated database for the test class (IClassFixture&lt;DatabaseFixture&gt;).</summary>
public sealed class DatabaseFixture : IAsyncLifetime
{
    private TestDatabase? database;

    public TestDatabase Database => database ?? throw new InvalidOperationException("The fixture is not initialised.");

    public TestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Cluster = await TestCluster.GetAsync();
        database = await Cluster.CreateDatabaseAsync();
    }

    public async Task DisposeAsync()
    {
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }
}
