using Npgsql;
using Trading.Data.Execution.Reading;
using Trading.Engine.Execution;
using Trading.Engine.Faults;
using Trading.Engine.Fees;
using Trading.Engine.Fills;
using Trading.Engine.Impact;
using Trading.Engine.Liquidity;
using Trading.Engine.Primitives;
using Trading.Engine.Slippage;

namespace Trading.Data.Execution;

/// <summary>Builds the engine's account configuration, models included, from an `accounts` row.</summary>
public static class AccountSettings
{
    public const string Columns = """
        a.account, a.base_currency, a.initial_capital, a.cash, a.fee_rate, a.maker_fee_rate, a.min_fee, a.slippage_model,
        a.slippage_rate, a.spread_fraction, a.max_position_fraction, a.allow_shorting, a.leverage, a.allow_partial_size,
        a.confidence_threshold, a.staleness_bound, a.random_seed, a.halted, a.halt_reason, a.latency,
        a.default_stop_loss_pct, a.default_take_profit_pct, a.fill_probability, a.limit_fill_model, a.fault_reject_probability,
        a.fault_partial_probability, a.fault_latency_probability, a.fault_max_latency, a.fault_stale_probability,
        a.liquidity_model, a.synthetic_levels, a.synthetic_units_per_tick, a.impact_coefficient
        """;

    /// <summary>How many columns <see cref="Columns"/> lists: a query's own columns after them start at this ordinal.</summary>
    public const int Count = 33;

    private static readonly MarketFillModel FillModel = new();

    /// <summary>Reads the <see cref="Columns"/> at the reader's current row: the config, the cash and the simulated latency.</summary>
    public static (AccountConfig Config, decimal Cash, TimeSpan Latency) Read(NpgsqlDataReader reader) => Read(new NamedColumns(reader));

    /// <summary>Reads the <see cref="Columns"/>, by name, at the current row.</summary>
    internal static (AccountConfig Config, decimal Cash, TimeSpan Latency) Read(NamedColumns row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var feeRate = row.Decimal("fee_rate");
        var minFee = row.Decimal("min_fee");
        IFeeModel fees = row.NullableDecimal("maker_fee_rate") is { } makerFee
            ? new MakerTakerFeeModel(makerFee, feeRate, minFee)
            : new RateFeeModel(feeRate, minFee);
        var slippageRate = row.Decimal("slippage_rate");
        ISlippageModel slippage = row.Text("slippage_model") switch
        {
            "none" => new NoSlippage(),
            "fixed" => new FixedFractionSlippage(slippageRate),
            "seed" => new SeedSlippageModel(slippageRate),
            // σ and V come with the market: the claim (or the backtest) gives the model its estimates.
            "sqrt_impact" => new SquareRootImpact(row.Decimal("impact_coefficient"), new Dictionary<string, ImpactEstimate>(StringComparer.Ordinal)),
            var other => throw new InvalidOperationException($"Unknown slippage model '{other}'."),
        };

        var config = new AccountConfig
        {
            AccountId = row.Text("account"),
            Currency = new Currency(row.Text("base_currency")),
            InitialCapital = row.Decimal("initial_capital"),
            FeeModel = fees,
            SlippageModel = slippage,
            FillModel = FillModel,
            SpreadFractionWhenLastOnly = row.Decimal("spread_fraction"),
            MaxPositionFraction = row.Decimal("max_position_fraction"),
            AllowShorting = row.Boolean("allow_shorting"),
            Leverage = row.Decimal("leverage"),
            AllowPartialSize = row.Boolean("allow_partial_size"),
            ConfidenceThreshold = row.Decimal("confidence_threshold"),
            StalenessBound = row.Interval("staleness_bound"),
            RandomSeed = row.Int64("random_seed"),
            Latency = row.Interval("latency"),
            Halted = row.Boolean("halted"),
            HaltReason = row.NullableText("halt_reason"),
            DefaultStopLossFraction = row.NullableDecimal("default_stop_loss_pct") / 100m,
            DefaultTakeProfitFraction = row.NullableDecimal("default_take_profit_pct") / 100m,
            FillProbabilityOnTouch = row.Decimal("fill_probability"),
            LimitFills = SqlText.LimitFillModels.Parse(row.Text("limit_fill_model")),
            Faults = new FaultSettings(
                row.Decimal("fault_reject_probability"),
                row.Decimal("fault_partial_probability"),
                row.Decimal("fault_latency_probability"),
                row.Interval("fault_max_latency"),
                row.Decimal("fault_stale_probability")),
            Liquidity = new LiquiditySettings(
                SqlText.LiquidityModels.Parse(row.Text("liquidity_model")), row.Int32("synthetic_levels"), row.NullableDecimal("synthetic_units_per_tick")),
        };
        return (config, row.Decimal("cash"), config.Latency);
    }
}
