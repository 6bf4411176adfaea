namespace Trading.Data.Execution;

/// <summary>
/// The orchestrator's wake-up sent by the writer itself, in its INSERT's transaction, besides the table's trigger: on
/// Citus a trigger runs on the worker holding the row, where no listener hears it, and `migrate --citus` drops it.
/// PostgreSQL folds identical notifications within a transaction, so on one server the two cost one.
/// </summary>
public static class WakeUps
{
    /// <summary>The channel the orchestrator listens on for decisions and cancel requests.</summary>
    public const string DecisionsChannel = "trading_decisions";

    /// <summary>A statement that sends the decisions wake-up.</summary>
    public const string NotifyDecisionsSql = $"SELECT pg_notify('{DecisionsChannel}', '')";

    /// <summary>
    /// <paramref name="insert"/> (an INSERT … RETURNING <paramref name="columns"/>) as one statement that also sends the
    /// decisions wake-up when it inserted a row; it returns the same columns first.
    /// </summary>
    public static string Notifying(string insert, string columns) =>
        $"WITH inserted AS (\n{insert}\n)\nSELECT {columns}, pg_notify('{DecisionsChannel}', '') FROM inserted";
}
