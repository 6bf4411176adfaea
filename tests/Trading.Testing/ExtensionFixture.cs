using Xunit;

namespace Trading.Testing;

/// <summary>
/// xunit class fixture for tests that need a server with an extension (Citus, TimescaleDB): a migrated database on the
/// run's server of that kind, or, where the extension is not installed, none; tests call <see cref="RequireDatabase"/>,
/// which skips them with the reason.
/// </summary>
public abstract class ExtensionFixture : IAsyncLifetime
{
    private TestDatabase? database;

    /// <summary>Why the tests are skipped on this machine; null when the extension is installed.</summary>
    protected abstract string? SkipReason { get; }

    /// <summary>A database of the class on the run's server with the extension (called only when it is installed).</summary>
    protected abstract Task<TestDatabase?> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        if (SkipReason is null)
        {
            database = await CreateDatabaseAsync();
        }
    }

    /// <summary>The class's database; skips the calling test when the extension is not installed.</summary>
    public TestDatabase RequireDatabase()
    {
        Skip.If(SkipReason is not null, SkipReason);
        return database ?? throw new InvalidOperationException($"{GetType().Name} is not initialised.");
    }

    public async Task DisposeAsync()
    {
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }
}
