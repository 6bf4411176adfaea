using Trading.Engine.Execution;
using Trading.Engine.Fees;
using Trading.Engine.Fills;
using Trading.Engine.MarketData;
using Trading.Engine.Queue;
using Trading.Engine.Slippage;

namespace Trading.Engine.Orders.Resting;

/// <summary>
/// What matching may use besides the orders and the quote. <see cref="FillProbabilityOnTouch"/>
/// is the chance that a resting limit fills when the quote only touches its price (1 = always);
/// a quote through the limit always fills. <see cref="Now"/> decides expiry and stamps fills.
/// </summary>
public sealed record MatchContext
{
    public MatchContext(
        InstrumentSpec instrument,
        IFillModel marketFillModel,
        ISlippageModel slippage,
        IFeeModel fees,
        long accountSeed,
        decimal spreadFractionWhenLastOnly,
        decimal fillProbabilityOnTouch,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(marketFillModel);
        ArgumentNullException.ThrowIfNull(slippage);
        ArgumentNullException.ThrowIfNull(fees);
        if (spreadFractionWhenLastOnly is < 0m or >= 1m)
        {
            throw new ArgumentOutOfRangeException(nameof(spreadFractionWhenLastOnly), spreadFractionWhenLastOnly, "The spread fraction must lie in [0, 1).");
        }

        if (fillProbabilityOnTouch is < 0m or > 1m)
        {
            throw new ArgumentOutOfRangeException(nameof(fillProbabilityOnTouch), fillProbabilityOnTouch, "A fill probability must lie in [0, 1].");
        }

        Instrument = instrument;
        MarketFillModel = marketFillModel;
        Slippage = slippage;
        Fees = fees;
        AccountSeed = accountSeed;
        SpreadFractionWhenLastOnly = spreadFractionWhenLastOnly;
        FillProbabilityOnTouch = fillProbabilityOnTouch;
        Now = now;
    }

    public InstrumentSpec Instrument { get; }

    public IFillModel MarketFillModel { get; }

    public ISlippageModel Slippage { get; }

    public IFeeModel Fees { get; }

    public long AccountSeed { get; }

    public decimal SpreadFractionWhenLastOnly { get; }

    public decimal FillProbabilityOnTouch { get; }

    public DateTimeOffset Now { get; init; }

    /// <summary>How resting limit entries fill (<see cref="Queued"/> tells which orders the queue model covers).</summary>
    public LimitFillModel LimitFills { get; init; } = LimitFillModel.Touch;

    /// <summary>Whether <paramref name="order"/> fills by its queue position: a resting limit entry of an account under the queue model.</summary>
    public bool Queued(RestingOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return LimitFills == LimitFillModel.Queue && order.Type == Primitives.OrderType.Limit && order.Role == OrderRole.Entry;
    }

    /// <summary>The account's models, seed and spread; fill probability 1 unless given.</summary>
    public static MatchContext For(AccountConfig config, InstrumentSpec instrument, DateTimeOffset now, decimal fillProbabilityOnTouch = 1m)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new MatchContext(
            instrument,
            config.FillModel,
            config.SlippageModel,
            config.FeeModel,
            config.RandomSeed,
            config.SpreadFractionWhenLastOnly,
            fillProbabilityOnTouch,
            now)
        {
            LimitFills = config.LimitFills,
        };
    }
}
