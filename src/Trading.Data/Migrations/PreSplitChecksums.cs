namespace Trading.Data.Migrations;

/// <summary>
/// The checksums db/migrations 0001–0019 had before their views and functions moved to db/repeatable (one-time, sanctioned
/// rewrite of history; 0002 and 0015 defined none and kept theirs). A database migrated by those files records these; the
/// migrator accepts them for these names only.
/// </summary>
public static class PreSplitChecksums
{
    public static IReadOnlyDictionary<string, string> ByName { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["0001_core_schema.sql"] = "545cce49df5f4ae24eb95fcad6936bcffecea5ec5f985a9e93f5441306b06f06",
        ["0003_views_and_functions.sql"] = "70fc6d07419f28e0ceafaea7a21669047dd8f2dc1b3b9aa8f687ecbf6ce8cc17",
        ["0004_invariants.sql"] = "34e7ebc59623899a51471529f81125ccb976965818f7656301fba016c4863198",
        ["0005_roles.sql"] = "1efc2342b3574e8a7c05d3a4c52fdfc2e2c015913a09a840a1f1aab92e369068",
        ["0006_risk_limits_kill_switch_funding.sql"] = "46fd157d6bc941c52c775ce2b83c4da78e979258334618d901ef61d5cc57f387",
        ["0007_read_side_aggregates.sql"] = "233a96f1bcf9cc2528919cd769d133b63fc55ddfdd5887e6042f52fb24502bf2",
        ["0008_resting_orders.sql"] = "949036d78ca3681bd5a312870a1d0cb360dc945c651d44809c4eba098632f855",
        ["0009_account_epochs.sql"] = "fa3a8dae62a5683ecfce1f00afc2164a9ac17adb0591be27a05459167c6fc384",
        ["0010_aggregate_lock_order.sql"] = "fcd844c0c25f715ca13635228bffb6577a3fbe7b04662ca3f4bdab1fdc50efc3",
        ["0011_security_hardening.sql"] = "5bf68a3abc5a79fad275cc5f08ef892654bf3d1f46e3452fcc659ccb9557bb2a",
        ["0012_input_bounds.sql"] = "0f75db8641f718c3935844239168cf4fb7808adfda83f97ea330d4f9e0653dac",
        ["0013_strategy_sessions.sql"] = "5b202777aeeae579815e99b5b96406f52728002e3ec6ca846dde92355e7e6eea",
        ["0014_agent_isolation.sql"] = "7b16362c2278163e1fa444f7e68026dfc0a39359a7528d1bb60bcbcb6487c4a6",
        ["0016_backtests.sql"] = "0e7dc74b30339be6f7e174c00dfc7b35f5ffcf9e71c74f9418cf5e94ccc6b65f",
        ["0017_paper_shortfall.sql"] = "43b9eb2f7511ca06c3feb4b81deaf48c62b9925730935475d8e20af27a032a7d",
        ["0018_drawdown_and_brackets.sql"] = "0dc83e88a3e02b80c7419021638bbee85936648017f066ebdf17091e02ffa008",
        ["0019_fill_after_decision.sql"] = "daded88b26168bbf113feecd7ed5f045cd6ac4091b0af19bf10abea37e516294",
    };
}
