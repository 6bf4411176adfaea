namespace Trading.Orchestrator.Tests.Deployment;

/// <summary>Files of the repository under test, found by walking up from the test binaries to the folder of Trading.sln.</summary>
internal static class RepositoryFiles
{
    private static readonly Lazy<string> RootFolder = new(FindRoot);

    public static string Root => RootFolder.Value;

    /// <summary>The absolute path of a repository-relative path written with forward slashes (as in compose files).</summary>
    public static string PathOf(string relativePath) =>
        Path.GetFullPath(Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar)));

    public static string ReadAllText(string relativePath) => File.ReadAllText(PathOf(relativePath));

    public static bool Exists(string relativePath) => File.Exists(PathOf(relativePath)) || Directory.Exists(PathOf(relativePath));

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Trading.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Trading.sln above {AppContext.BaseDirectory}: the deployment tests read the repository's files.");
    }
}
