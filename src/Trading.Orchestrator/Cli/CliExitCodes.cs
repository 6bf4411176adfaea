namespace Trading.Orchestrator.Cli;

/// <summary>Exit codes of the operator commands beyond <see cref="ExitCodes"/>, stable for scripts.</summary>
public static class CliExitCodes
{
    /// <summary>
    /// `decide --wait`: the decision ended skipped, rejected, failed, expired or canceled; `cancel --wait`: the request was
    /// rejected; `check`: violations found.
    /// </summary>
    public const int NotExecuted = ExitCodes.Failure;

    /// <summary>`decide --wait`, `cancel --wait`: still pending when the timeout elapsed.</summary>
    public const int TimedOut = 7;

    /// <summary>The database has no trading schema yet: run `trading migrate` first.</summary>
    public const int SchemaMissing = 8;

    /// <summary>A program the command needs (chromium for `report --png`) is not installed.</summary>
    public const int ToolMissing = 9;

    /// <summary>
    /// The account's state does not allow it (SQLSTATE 55000): `accounts reset` with an open position, a pending decision
    /// or an active order. Nothing was changed; the message says what to do first.
    /// </summary>
    public const int Refused = 10;
}
