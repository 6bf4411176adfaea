using Trading.Engine.Positions;

namespace Trading.Engine.Execution;

/// <summary>
/// One outcome per decision, in input order, and the account state after all of them.
/// <see cref="ChangedSymbols"/> lists every symbol whose position changed, including ones now flat
/// (absent from <see cref="Positions"/>), so the caller knows which rows to upsert or delete.
/// <see cref="Orders"/> holds the last state of every order created (provisional id from 2^62 up) or changed (its own
/// id), <see cref="Fills"/> every fill in the order it happened, <see cref="Cancels"/> the cancel requests' outcomes.
/// </summary>
public sealed record BatchResult(
    IReadOnlyList<DecisionOutcome> Outcomes,
    decimal Cash,
    IReadOnlyList<Position> Positions,
    IReadOnlySet<string> ChangedSymbols,
    string? HaltReason = null,
    IReadOnlyList<Orders.Resting.RestingOrder>? Orders = null,
    IReadOnlyList<ExecutedFill>? Fills = null,
    IReadOnlyList<CancelOutcome>? Cancels = null);
