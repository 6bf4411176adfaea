namespace Trading.Data.Migrations;

/// <summary>What a migrate call did: the files it applied now and the ones that were already applied.</summary>
public sealed record MigrationResult(IReadOnlyList<string> Applied, IReadOnlyList<string> AlreadyApplied)
{
    public bool WasUpToDate => Applied.Count == 0;
}
