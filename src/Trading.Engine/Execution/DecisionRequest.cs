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
/// <para>
/// Orders other than a plain market order use <paramref name="LimitPrice"/>, <paramref name="StopPrice"/>,
/// <paramref name="TrailingOffset"/> (for a trailing-stop order), <paramref name="TimeInForce"/> and
/// <paramref name="ExpiresAt"/>; <paramref name="Bracket"/> holds the exits an entry asks for.
/// </para>
/// <para>
/// <paramref name="Agent"/> is a label the writer chose; <paramref name="Login"/> is the login the database recorded
/// (null for rows older than migration 0014): per-login risk limits match it. <paramref name="Strategy"/> names the
/// strategy behind the decision, which its orders, fills and trades carry.
/// </para>
/// <para>
/// <paramref name="ReduceOnly"/>: the order may only reduce the position (capped at it when it fills, canceled once the
/// position is flat or reversed). A CLOSE is reduce-only whatever it says; any other order is a plain order unless it asks.
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
    string? Agent = null,
    decimal? LimitPrice = null,
    decimal? StopPrice = null,
    Orders.Resting.ExitLevel? TrailingOffset = null,
    TimeInForce TimeInForce = TimeInForce.Gtc,
    DateTimeOffset? ExpiresAt = null,
    Orders.Resting.BracketSpec? Bracket = null,
    string? Login = null,
    string? Strategy = null,
    bool ReduceOnly = false)
{
    /// <summary>A market order without a time-in-force condition: filled in full at the touch, never resting.</summary>
    public bool IsPlainMarket => OrderType == OrderType.Market && TimeInForce is not (TimeInForce.Ioc or TimeInForce.Fok);
}
