namespace Trading.Data.Migrations;

/// <summary>
/// Migrations revised after release because their first text could not run on every supported server. A database that
/// applied the first text records its checksum, which the migrator accepts for that name only; each revision does
/// nothing more where the first text ran.
/// </summary>
public static class RevisedMigrations
{
    public static IReadOnlyDictionary<string, string> EarlierChecksums { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // 0014 failed on TimescaleDB with its columnstore (the Timescale-licensed build of the official images, where 0002
        // compresses paper_portfolio_snapshots): row-level security is refused on a hypertable with columnstore enabled.
        // The revision turns that table's columnstore off before it enables row-level security; on plain PostgreSQL and
        // on TimescaleDB's Apache build (where 0002 compressed nothing) it is the first text.
        ["0014_agent_isolation.sql"] = "2c69e74fe5871235652ae816d91cceadf3551204faa1f4d95248d3231f91cd56",

        // 0025 failed there too: a non-constant default (received_at DEFAULT now()) is refused on a hypertable with
        // columnstore enabled (market_prices, compressed by 0002 under that licence). The revision adds the column
        // nullable and without a default on such a table (receipt unknown for the quotes stored before it).
        ["0025_quote_received_at.sql"] = "25ac505350b91bd136ddd02659bc0484fac507a3b5a9200110781cdfec2cafb7",
    };
}
