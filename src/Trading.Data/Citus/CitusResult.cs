namespace Trading.Data.Citus;

/// <summary>What `trading migrate --citus` did: the tables it placed and the policies it rewrote.</summary>
public sealed record CitusResult(IReadOnlyList<CitusTable> Placed, IReadOnlyList<string> RewrittenPolicies, int ShardNodes)
{
    /// <summary>True when the database was distributed already and nothing was changed.</summary>
    public bool WasUpToDate => Placed.Count == 0;
}
