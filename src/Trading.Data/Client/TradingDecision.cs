namespace Trading.Data.Client;

/// <summary>
/// A row of trading_decisions as an agent writes it. The settable properties are exactly the columns migrations 0005 and
/// 0008 let trading_agent INSERT (a test holds them to the grant); everything else is the database's or the
/// orchestrator's (id, status, reason, order, timestamps, the login 0014 stamps), read back on insert and on
/// <c>Entry(decision).ReloadAsync()</c> and never written by EF. Null means "not given": the column's default applies.
/// </summary>
public sealed class TradingDecision
{
    public long Id { get; private set; }

    public string? Account { get; set; }

    public string? Agent { get; set; }

    public string? Strategy { get; set; }

    public required string Symbol { get; set; }

    /// <summary>BUY, SELL, CLOSE or HOLD.</summary>
    public required string Decision { get; set; }

    public required decimal Confidence { get; set; }

    public decimal? RiskScore { get; set; }

    public string? Reasoning { get; set; }

    public decimal? CurrentPrice { get; set; }

    public decimal? Quantity { get; set; }

    public decimal? Notional { get; set; }

    /// <summary>market (default), limit, stop, stop_limit.</summary>
    public string? OrderType { get; set; }

    public decimal? LimitPrice { get; set; }

    public decimal? StopPrice { get; set; }

    public decimal? StopLoss { get; set; }

    public decimal? TakeProfit { get; set; }

    public decimal? TrailingOffset { get; set; }

    /// <summary>price (default) or percent: the unit of stop_loss, take_profit and trailing_offset.</summary>
    public string? ExitUnit { get; set; }

    /// <summary>gtc (default), ioc, fok, day, gtd.</summary>
    public string? TimeInForce { get; set; }

    public DateTime? ExpiresAt { get; set; }

    public string? IdempotencyKey { get; set; }

    /// <summary>true: the order may only reduce the position (capped at it, canceled once flat or reversed); CLOSE always is.</summary>
    public bool ReduceOnly { get; set; }

    /// <summary>pending until the orchestrator processes it; then executed, placed, skipped, rejected, failed, expired or canceled.</summary>
    public string Status { get; private set; } = "pending";

    public string? StatusReason { get; private set; }

    public long? OrderId { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime? ProcessedAt { get; private set; }

    /// <summary>The login that inserted it (set by the database, not the client).</summary>
    public string? Login { get; private set; }
}
