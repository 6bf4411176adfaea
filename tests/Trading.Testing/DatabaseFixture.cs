using Xunit;

namespace Trading.Testing;

/// <summary>xunit class fixture: a fresh migrated database for the test class (IClassFixture&lt;DatabaseFixture&gt;).</summary>
public class DatabaseFixture : IAsyncLifetime
{
    private TestDatabase? database;

    public TestDatabase Database => database ?? throw new InvalidOperationException("The fixture is not initialised.");

    public TestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Cluster = await TestCluster.GetAsync();
        database = await CreateDatabaseAsync(Cluster);
    }

    /// <summary>The class's database: a copy of the migrated template.</summary>
    protected virtual Task<TestDatabase> CreateDatabaseAsync(TestCluster cluster) => cluster.CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }
}
