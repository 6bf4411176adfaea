using Trading.Data.Citus;

namespace Trading.Data.Tests.Citus;

/// <summary>
/// When `bench run --citus` and the Citus tests refuse: a server without citus.so and citus.control beside it gives the
/// reason; one with both gives none.
/// </summary>
public sealed class LocalCitusClusterTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("trading-citus-layout-").FullName;

    public LocalCitusClusterTests()
    {
        Directory.CreateDirectory(Path.Combine(root, "bin"));
        File.WriteAllText(Path.Combine(root, "bin", "initdb"), string.Empty);
    }

    [Fact]
    public void MissingReason_NoCitusBesideTheServer_NamesWhatIsMissing()
    {
        var reason = LocalCitusCluster.MissingReason(Path.Combine(root, "bin"));

        Assert.NotNull(reason);
        Assert.Contains("no citus.so and citus.control", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingReason_LibraryWithoutControlFile_StillMissing()
    {
        Directory.CreateDirectory(Path.Combine(root, "lib"));
        File.WriteAllText(Path.Combine(root, "lib", "citus.so"), string.Empty);

        Assert.NotNull(LocalCitusCluster.MissingReason(Path.Combine(root, "bin")));
    }

    [Fact]
    public void MissingReason_LibraryAndControlFile_None()
    {
        Directory.CreateDirectory(Path.Combine(root, "lib"));
        Directory.CreateDirectory(Path.Combine(root, "share", "extension"));
        File.WriteAllText(Path.Combine(root, "lib", "citus.so"), string.Empty);
        File.WriteAllText(Path.Combine(root, "share", "extension", "citus.control"), string.Empty);

        Assert.Null(LocalCitusCluster.MissingReason(Path.Combine(root, "bin")));
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}
