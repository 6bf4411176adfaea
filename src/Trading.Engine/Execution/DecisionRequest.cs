using Trading.Engine.MarketData;
using Trading.Engine.Primitives;

namespace Trading.Engine.Execution;

/// <summary>
/// One row of trading_decisions as the engine sees it. Business-invalid values (e.g. quantity and
/// notional both given) are not thrown here: the engine rejects the decision with a reason.
/// <para>
/// <paramref name="LatencyQuote"/> is set when the account simulates latency: the first quote at or after
/// <paramref name="CreatedAt"/> + latency. The decision then fills at that quote whenever it is processed, and its
/// freshness is judged against that target time rather than the processing time, so results do not depend on how
/// fast the orchestrator runs.
/// </para>
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
    DateTimeOffset CreatedAt,
    Quote? LatencyQuote = null,
    DateTimeOffset? LatencyTarget = null,
    string? Agent = null);
