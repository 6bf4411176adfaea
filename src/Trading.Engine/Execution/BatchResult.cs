using Trading.Engine.Positions;

namespace Trading.Engine.Execution;

/// <summary>
/// One outcome per decision, in input order, and the account state after all of them.
/// <see cref="ChangedSymbols"/> lists every symbol whose position changed, including ones now flat
/// (absent from <see cref="Positions"/>), so the caller knows which rows to upsert or delete.
/// </summary>
public sealed record BatchResult(
    IReadOnlyList<DecisionOutcome> Outcomes,
    decimal Cash,
    IReadOnlyList<Position> Positions,
    IReadOnlySet<string> ChangedSymbols,
    string? HaltReason = null);
