using Trading.Data.Citus;

namespace Trading.Orchestrator.Cli;

/// <summary>The text `trading migrate --citus` prints: where each table went, and what the Citus mode gave up.</summary>
public static class CitusReport
{
    public static void Write(CitusResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.WasUpToDate)
        {
            Console.WriteLine($"citus: already distributed ({result.ShardNodes} node(s) hold shards).");
            return;
        }

        Console.WriteLine($"citus: distributed over {result.ShardNodes} node(s):");
        foreach (var table in result.Placed)
        {
            var where = table.Placement == CitusPlacement.Reference
                ? "reference"
                : $"distributed by {table.DistributionColumn}" + (table.ColocateWith is { } with ? $", colocated with {with}" : string.Empty);
            Console.WriteLine($"  {table.Name,-28} {where} ({table.Why})");
        }

        foreach (var table in CitusPlan.Tables.Where(t => t.Placement == CitusPlacement.CoordinatorLocal))
        {
            Console.WriteLine($"  {table.Name,-28} stays on the coordinator ({table.Why})");
        }

        if (result.RewrittenPolicies.Count > 0)
        {
            Console.WriteLine($"citus: {result.RewrittenPolicies.Count} row-level security policies now call trading_granted_accounts() per row (Citus refuses their cached subquery).");
        }

        foreach (var drop in CitusPlan.TriggerDrops)
        {
            Console.WriteLine($"citus: dropped the trigger {drop.Table}.{drop.Trigger}: {drop.Consequence}.");
        }
    }
}
