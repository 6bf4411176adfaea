namespace Trading.Data.Citus;

/// <summary>Where a table lives on a Citus cluster.</summary>
public enum CitusPlacement
{
    /// <summary>A full copy on every node: small tables every account joins (instruments, quotes, grants).</summary>
    Reference,

    /// <summary>Sharded by a column; tables sharded by the same column and colocated keep a transaction on one worker.</summary>
    Distributed,

    /// <summary>Stays an ordinary table on the coordinator.</summary>
    CoordinatorLocal,
}
