namespace Trading.Data.Citus;

/// <summary>
/// The distribution plan, in the order it is applied: reference tables first (distributed tables' foreign keys point at
/// them), then <c>accounts</c>, then every account-owned table colocated with it, so all rows of one account sit on one
/// worker and a batch's transaction stays there. Every table of the public schema must be listed (CitusPlanTests checks
/// it against the catalogue), so a table added by a later migration cannot be forgotten.
/// </summary>
public static class CitusPlan
{
    /// <summary>The table every account-owned table is colocated with.</summary>
    public const string AccountAnchor = "accounts";

    private const string AccountOwned = "owned by one account: a batch's rows stay on its worker";

    public static IReadOnlyList<CitusTable> Tables { get; } =
    [
        CitusTable.Reference("instruments", "every order and position joins it"),
        CitusTable.Reference("market_prices", "quotes are read by every account; better on a TimescaleDB server of its own (Citus and TimescaleDB do not share a database)"),
        CitusTable.Reference("market_depth", "order books, read like quotes by every account"),
        CitusTable.Reference("market_trades", "trade prints, read like quotes by every account"),
        CitusTable.Reference("account_grants", "the row-level security policies of every account-owned table read it on the worker"),
        CitusTable.ByAccount(AccountAnchor, "the anchor of the account colocation group"),
        CitusTable.ByAccount("trading_decisions", AccountOwned),
        CitusTable.ByAccount("paper_orders", AccountOwned),
        CitusTable.ByAccount("paper_fills", AccountOwned),
        CitusTable.ByAccount("paper_positions", AccountOwned),
        CitusTable.ByAccount("paper_trades", AccountOwned),
        CitusTable.ByAccount("paper_ledger", AccountOwned),
        CitusTable.ByAccount("paper_portfolio_snapshots", AccountOwned),
        CitusTable.ByAccount("paper_risk_limits", AccountOwned),
        CitusTable.ByAccount("paper_risk_limit_history", AccountOwned),
        CitusTable.ByAccount("paper_account_stats", AccountOwned),
        CitusTable.ByAccount("paper_daily_equity", AccountOwned),
        CitusTable.ByAccount("paper_order_marks", AccountOwned),
        CitusTable.ByAccount("paper_cancel_requests", AccountOwned),
        CitusTable.ByAccount("paper_account_epochs", AccountOwned),
        CitusTable.ByAccount("strategy_sessions", AccountOwned),
        CitusTable.Local("schema_migrations", "the migrator's history"),
        CitusTable.Local("schema_repeatables", "the migrator's record of the view and function files"),
        CitusTable.Local("backtest_runs", "backtests are one process's work; their policies read backtest_runs in a subquery, which Citus refuses on distributed tables"),
        CitusTable.Local("backtest_fills", "with backtest_runs"),
        CitusTable.Local("backtest_trades", "with backtest_runs"),
        CitusTable.Local("backtest_equity", "with backtest_runs"),
    ];

    /// <summary>
    /// The wake-up triggers: on Citus a trigger runs on the worker holding the shard, so its NOTIFY reaches no listener on
    /// the coordinator, and a transaction that fired NOTIFY on a worker fails at two-phase commit (every quote INSERT into
    /// the reference table does). The writers that matter notify from the coordinator's side themselves.
    /// </summary>
    public static IReadOnlyList<CitusTriggerDrop> TriggerDrops { get; } =
    [
        new("trading_decisions", "trading_decisions_notify",
            "decisions inserted with plain SQL wake the orchestrator on its poll tick; `trading decide` and the MCP tools notify themselves"),
        new("paper_cancel_requests", "paper_cancel_requests_notify",
            "cancel requests inserted with plain SQL are answered on the poll tick; `trading cancel` and the MCP tool notify themselves"),
        new("market_prices", "market_prices_notify",
            "quotes inserted with plain SQL reach working orders on the poll tick; the feeds' ingest notifies itself"),
    ];

    /// <summary>
    /// Row-level security policies cache the caller's granted accounts in a scalar subquery (evaluated once per
    /// statement); Citus refuses subqueries in policies of distributed tables, so on Citus they call the function
    /// directly (evaluated per row, on the worker).
    /// </summary>
    public const string CachedGrantPattern = @"\( SELECT (trading_granted_accounts\([^)]*\)) AS trading_granted_accounts\)";

    /// <summary>account_grants' own policy looks the role up in pg_roles (a subquery); on Citus it asks pg_has_role directly.</summary>
    public static IReadOnlyDictionary<string, string> ReplacedPolicies { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["account_grants.account_grants_own"] = "pg_has_role(CURRENT_USER, role::oid, 'MEMBER')",
    };
}
