namespace Trading.Engine.Orders.Resting;

/// <summary>
/// The exits a decision asked for, kept on its entry order until the entry fills. Null levels fall back to the
/// account's default fractions (stop-loss and take-profit only) when the bracket is planned.
/// </summary>
public sealed record BracketSpec(ExitLevel? StopLoss, ExitLevel? TakeProfit, ExitLevel? TrailingOffset)
{
    public bool IsEmpty => StopLoss is null && TakeProfit is null && TrailingOffset is null;
}
