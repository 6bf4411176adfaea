namespace Trading.Testing.Citus;

/// <summary>A migrated and distributed database on the run's Citus cluster (coordinator and two workers), where Citus is installed.</summary>
public sealed class CitusFixture : ExtensionFixture
{
    protected override string? SkipReason => CitusCluster.SkipReason;

    protected override async Task<TestDatabase?> CreateDatabaseAsync() =>
        await CitusCluster.GetAsync() is { } cluster ? await cluster.CreateDatabaseAsync() : null;
}
