namespace Trading.Data.Citus;

/// <summary>
/// One table of the schema and where Citus puts it. <see cref="DistributionColumn"/> and <see cref="ColocateWith"/>
/// apply to <see cref="CitusPlacement.Distributed"/> only; <see cref="Why"/> is printed by `trading migrate --citus`.
/// </summary>
public sealed record CitusTable(string Name, CitusPlacement Placement, string Why, string? DistributionColumn = null, string? ColocateWith = null)
{
    public static CitusTable Reference(string name, string why) => new(name, CitusPlacement.Reference, why);

    public static CitusTable ByAccount(string name, string why) =>
        new(name, CitusPlacement.Distributed, why, "account", name == CitusPlan.AccountAnchor ? null : CitusPlan.AccountAnchor);

    public static CitusTable Local(string name, string why) => new(name, CitusPlacement.CoordinatorLocal, why);
}
