using Trading.Engine.Primitives;

namespace Trading.Engine.Orders.Resting;

/// <summary>
/// A working order between placement and its terminal status. <see cref="Quantity"/> is what is
/// still open; <see cref="FilledQuantity"/> what has executed. For a trailing stop,
/// <see cref="StopPrice"/> is the current trigger level, recomputed from
/// <see cref="BestPriceSincePlacement"/> on every quote. <see cref="TrailingOffset"/> is an amount
/// in price units, or a fraction of the best price (0.05 = 5 %) when <see cref="TrailingIsPercent"/>.
/// State changes go through <see cref="OrderMatcher"/> and <see cref="ArrivalPlanner"/>, which
/// respect <see cref="OrderStatusTransitions"/>.
/// </summary>
public sealed record RestingOrder
{
    public required long Id { get; init; }

    public required string AccountId
    {
        get;
        init
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            field = value;
        }
    }

    public required string Symbol
    {
        get;
        init
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            field = value;
        }
    }

    public required OrderSide Side { get; init; }

    public required OrderType Type { get; init; }

    public TimeInForce TimeInForce { get; init; } = TimeInForce.Gtc;

    /// <summary>The open (remaining) quantity; zero only once the order is filled.</summary>
    public required decimal Quantity
    {
        get;
        init => field = value >= 0m ? value : throw new ArgumentOutOfRangeException(nameof(Quantity), value, "A remaining quantity must not be negative.");
    }

    public decimal FilledQuantity
    {
        get;
        init => field = value >= 0m ? value : throw new ArgumentOutOfRangeException(nameof(FilledQuantity), value, "A filled quantity must not be negative.");
    }

    public decimal? LimitPrice
    {
        get;
        init => field = value is null or > 0m ? value : throw new ArgumentOutOfRangeException(nameof(LimitPrice), value, "A limit price must be greater than zero.");
    }

    public decimal? StopPrice
    {
        get;
        init => field = value is null or > 0m ? value : throw new ArgumentOutOfRangeException(nameof(StopPrice), value, "A stop price must be greater than zero.");
    }

    public decimal? TrailingOffset
    {
        get;
        init => field = value is null or > 0m ? value : throw new ArgumentOutOfRangeException(nameof(TrailingOffset), value, "A trailing offset must be greater than zero.");
    }

    public bool TrailingIsPercent { get; init; }

    /// <summary>Trailing stops: highest bid (sell) or lowest ask (buy) seen since placement.</summary>
    public decimal? BestPriceSincePlacement { get; init; }

    /// <summary>A stop, stop-limit or trailing stop whose trigger has fired (now a market or limit order).</summary>
    public bool Triggered { get; init; }

    /// <summary>GTD: as given; DAY: the UTC midnight after placement (set on arrival); else null.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    public required DateTimeOffset PlacedAt { get; init; }

    /// <summary>Orders sharing a group cancel each other once one of them fills, even partly.</summary>
    public long? OcoGroup { get; init; }

    /// <summary>The decision the order came from; for bracket exits, the decision of their entry.</summary>
    public long? ParentDecisionId { get; init; }

    /// <summary>Entry, or which exit of a bracket.</summary>
    public OrderRole Role { get; init; } = OrderRole.Entry;

    /// <summary>May only reduce a position: capped at it when it fills, canceled when there is nothing left to reduce.</summary>
    public bool ReduceOnly { get; init; }

    /// <summary>The exits to attach when an entry first fills (the account's defaults apply at that moment).</summary>
    public BracketSpec? Bracket { get; init; }

    /// <summary>The agent of the decision behind the order: per-agent limits and trade attribution.</summary>
    public string? Agent { get; init; }

    /// <summary>The login the database recorded on the decision behind the order: per-login limits.</summary>
    public string? Login { get; init; }

    /// <summary>The strategy of the decision behind the order (trade attribution).</summary>
    public string? Strategy { get; init; }

    /// <summary>
    /// The informational price of the decision behind the order, as the agent saw it. Fills record it while the batch
    /// that placed the order runs; an order loaded from storage has none.
    /// </summary>
    public decimal? DecisionPrice { get; init; }

    /// <summary>The simulated latency between the decision and the quote the order met on arrival (zero when none).</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>Quantity-weighted average price of the fills so far (10 decimals); null before the first fill.</summary>
    public decimal? AverageFillPrice { get; init; }

    /// <summary>Under the queue model: the size still ahead of this limit at its price (null under the touch model).</summary>
    public decimal? QueueAhead
    {
        get;
        init => field = value is null or >= 0m ? value : throw new ArgumentOutOfRangeException(nameof(QueueAhead), value, "A queue ahead must not be negative.");
    }

    /// <summary>The time of the newest quote this order has been evaluated against; later quotes only are matched.</summary>
    public DateTimeOffset? EvaluatedThrough { get; init; }

    public OrderStatus Status { get; init; } = OrderStatus.New;

    /// <summary>Why the order is in its status (e.g. "canceled by OCO: order 12 filled").</summary>
    public string? StatusReason { get; init; }

    public bool IsActive => !OrderStatusTransitions.IsTerminal(Status);

    public decimal OriginalQuantity => Quantity + FilledQuantity;

    /// <summary>Stop, stop-limit and trailing stops: the loss-side legs that the OCO tie rule lets fill first.</summary>
    public bool IsStopKind => Type is OrderType.Stop or OrderType.StopLimit or OrderType.TrailingStop;

    /// <summary>The order after <paramref name="quantity"/> more filled at <paramref name="price"/> (status unchanged).</summary>
    internal RestingOrder WithFill(decimal quantity, decimal price)
    {
        var filled = FilledQuantity + quantity;
        var average = ((AverageFillPrice ?? 0m) * FilledQuantity + price * quantity) / filled;
        return this with { Quantity = Quantity - quantity, FilledQuantity = filled, AverageFillPrice = Math.Round(average, 10, MidpointRounding.ToEven) };
    }

    internal RestingOrder Transition(OrderStatus to, string reason)
    {
        OrderStatusTransitions.Ensure(Status, to);
        return this with { Status = to, StatusReason = reason };
    }
}
