using Trading.Engine.Faults;
using Trading.Engine.Fees;
using Trading.Engine.Fills;
using Trading.Engine.Liquidity;
using Trading.Engine.Primitives;
using Trading.Engine.Queue;
using Trading.Engine.Slippage;

namespace Trading.Engine.Execution;

/// <summary>
/// An account's trading rules. The models have no defaults on purpose: an account that forgot its
/// fee model must fail to build, not trade for free. Every value is checked when it is set.
/// </summary>
public sealed record AccountConfig
{
    public required string AccountId
    {
        get;
        init
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            field = value;
        }
    }

    public required Currency Currency { get; init; }

    public required decimal InitialCapital
    {
        get;
        init => field = value > 0m ? value : throw new ArgumentOutOfRangeException(nameof(InitialCapital), value, "Initial capital must be greater than zero.");
    }

    public required IFeeModel FeeModel
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(FeeModel));
    }

    public required ISlippageModel SlippageModel
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(SlippageModel));
    }

    public required IFillModel FillModel
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(FillModel));
    }

    /// <summary>Assumed bid-ask spread, as a fraction of the last price, when a quote has no bid/ask.</summary>
    public decimal SpreadFractionWhenLastOnly
    {
        get;
        init => field = value is >= 0m and < 1m ? value : throw new ArgumentOutOfRangeException(nameof(SpreadFractionWhenLastOnly), value, "The spread fraction must lie in [0, 1).");
    } = 0.0002m;

    public decimal MaxPositionFraction
    {
        get;
        init => field = value is > 0m and <= 1m ? value : throw new ArgumentOutOfRangeException(nameof(MaxPositionFraction), value, "The position fraction must lie in (0, 1].");
    } = 0.20m;

    public bool AllowShorting { get; init; }

    public decimal Leverage
    {
        get;
        init => field = value > 0m ? value : throw new ArgumentOutOfRangeException(nameof(Leverage), value, "Leverage must be greater than zero.");
    } = 1m;

    public bool AllowPartialSize { get; init; }

    public decimal ConfidenceThreshold
    {
        get;
        init => field = value is >= 0m and <= 1m ? value : throw new ArgumentOutOfRangeException(nameof(ConfidenceThreshold), value, "The confidence threshold must lie in [0, 1].");
    } = 0.6m;

    public bool Halted { get; init; }

    public string? HaltReason { get; init; }

    public TimeSpan StalenessBound
    {
        get;
        init => field = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(StalenessBound), value, "The staleness bound must be positive.");
    } = TimeSpan.FromSeconds(60);

    public long RandomSeed { get; init; }

    /// <summary>The simulated delay between a decision and the quote that prices it; recorded on the fill that quote priced.</summary>
    public TimeSpan Latency
    {
        get;
        init => field = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(Latency), value, "The latency must not be negative.");
    }

    /// <summary>Stop-loss distance, as a fraction of the entry price, for entries whose decision gives none; null = none.</summary>
    public decimal? DefaultStopLossFraction
    {
        get;
        init => field = value is null or (> 0m and < 1m) ? value : throw new ArgumentOutOfRangeException(nameof(DefaultStopLossFraction), value, "A default stop-loss fraction must lie in (0, 1).");
    }

    /// <summary>Take-profit distance, as a fraction of the entry price, for entries whose decision gives none; null = none.</summary>
    public decimal? DefaultTakeProfitFraction
    {
        get;
        init => field = value is null or > 0m ? value : throw new ArgumentOutOfRangeException(nameof(DefaultTakeProfitFraction), value, "A default take-profit fraction must be greater than zero.");
    }

    /// <summary>The chance that a resting limit fills when a quote only touches its price (1 = always).</summary>
    public decimal FillProbabilityOnTouch
    {
        get;
        init => field = value is >= 0m and <= 1m ? value : throw new ArgumentOutOfRangeException(nameof(FillProbabilityOnTouch), value, "A fill probability must lie in [0, 1].");
    } = 1m;

    /// <summary>How resting limit entries fill: on a touch (with <see cref="FillProbabilityOnTouch"/>) or by queue position.</summary>
    public LimitFillModel LimitFills { get; init; } = LimitFillModel.Touch;

    /// <summary>Faults injected to test an agent's error handling; none unless the account asks.</summary>
    public FaultSettings Faults
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(Faults));
    } = FaultSettings.None;

    /// <summary>
    /// How much a taking order may fill on arrival. Unbounded here (the engine's neutral choice); the schema's default for
    /// accounts, new and existing, is the book walk, and the database is where defaults live.
    /// </summary>
    public LiquiditySettings Liquidity
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(Liquidity));
    } = LiquiditySettings.Unbounded;
}
