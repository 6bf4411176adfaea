namespace Trading.Data.Client;

/// <summary>A row of v_paper_open_orders: a working order with its levels and the current quote.</summary>
public sealed class OpenOrder
{
    public required string Account { get; init; }

    public long OrderId { get; init; }

    public long? DecisionId { get; init; }

    public long? ParentDecisionId { get; init; }

    /// <summary>entry, stop_loss, take_profit or trailing_stop.</summary>
    public required string Role { get; init; }

    public required string Symbol { get; init; }

    public required string Side { get; init; }

    public required string OrderType { get; init; }

    public required string TimeInForce { get; init; }

    public decimal Quantity { get; init; }

    public decimal FilledQuantity { get; init; }

    public decimal RemainingQuantity { get; init; }

    public decimal? LimitPrice { get; init; }

    public decimal? StopPrice { get; init; }

    /// <summary>The engine's value: a fraction when <see cref="TrailingIsPercent"/>, a price distance otherwise.</summary>
    public decimal? TrailingOffset { get; init; }

    public bool? TrailingIsPercent { get; init; }

    public decimal? BestPrice { get; init; }

    public bool? Triggered { get; init; }

    public bool? ReduceOnly { get; init; }

    /// <summary>Under the queue model: the size still ahead of this resting limit at its price.</summary>
    public decimal? QueueAhead { get; init; }

    public long? OcoGroup { get; init; }

    public required string Status { get; init; }

    public string? Reason { get; init; }

    public DateTime? ExpiresAt { get; init; }

    public decimal? Bid { get; init; }

    public decimal? Ask { get; init; }

    public decimal? CurrentPrice { get; init; }

    public DateTime? PriceTime { get; init; }

    public DateTime? EvaluatedThrough { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime? UpdatedAt { get; init; }
}
