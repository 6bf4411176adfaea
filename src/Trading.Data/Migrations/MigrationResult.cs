namespace Trading.Data.Migrations;

/// <summary>
/// What a migrate call did: the numbered files it applied now, the ones that were already applied, and the repeatable
/// files (views and functions) it re-applied.
/// </summary>
public sealed record MigrationResult(IReadOnlyList<string> Applied, IReadOnlyList<string> AlreadyApplied, IReadOnlyList<string> Reapplied)
{
    public bool WasUpToDate => Applied.Count == 0 && Reapplied.Count == 0;
}
