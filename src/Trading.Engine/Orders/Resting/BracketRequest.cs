using Trading.Engine.Primitives;

namespace Trading.Engine.Orders.Resting;

/// <summary>
/// An entry fill and the exits its decision asked for. The account defaults (fractions of the
/// entry price) apply only when the decision gives no stop-loss or no take-profit respectively.
/// <see cref="TrailingOffset"/>: Price = an amount in price units, Fraction = of the best price.
/// </summary>
public sealed record BracketRequest(
    string AccountId,
    string Symbol,
    OrderSide EntrySide,
    decimal Quantity,
    decimal EntryPrice,
    DateTimeOffset EntryTime,
    long? ParentDecisionId,
    ExitLevel? StopLoss,
    ExitLevel? TakeProfit,
    ExitLevel? TrailingOffset = null,
    decimal? DefaultStopLossFraction = null,
    decimal? DefaultTakeProfitFraction = null,
    TimeInForce TimeInForce = TimeInForce.Gtc,
    DateTimeOffset? ExpiresAt = null,
    string? Agent = null,
    string? Login = null);
