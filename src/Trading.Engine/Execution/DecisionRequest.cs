using Trading.Engine.Primitives;

namespace Trading.Engine.Execution;

/// <summary>
/// One row of trading_decisions as the engine sees it. Business-invalid values (e.g. quantity and
/// notional both given) are not thrown here: the engine rejects the decision with a reason.
/// </summary>
public sealed record DecisionRequest(
    long Id,
    string Symbol,
    DecisionAction Action,
    decimal Confidence,
    decimal? RiskScore,
    decimal? Quantity,
    decimal? Notional,
    OrderType OrderType,
    decimal? CurrentPrice,
    DateTimeOffset CreatedAt);
