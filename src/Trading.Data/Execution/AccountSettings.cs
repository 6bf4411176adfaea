using Npgsql;
using Trading.Engine.Execution;
using Trading.Engine.Fees;
using Trading.Engine.Fills;
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
        a.default_stop_loss_pct, a.default_take_profit_pct, a.fill_probability
        """;

    /// <summary>How many columns <see cref="Columns"/> lists: a query's own columns after them start at this ordinal.</summary>
    public const int Count = 23;

    private static readonly MarketFillModel FillModel = new();

    /// <summary>Reads the <see cref="Columns"/> at the reader's current row: the config, the cash and the simulated latency.</summary>
    public static (AccountConfig Config, decimal Cash, TimeSpan Latency) Read(NpgsqlDataReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var feeRate = reader.GetDecimal(4);
        var minFee = reader.GetDecimal(6);
        IFeeModel fees = reader.IsDBNull(5)
            ? new RateFeeModel(feeRate, minFee)
            : new MakerTakerFeeModel(reader.GetDecimal(5), feeRate, minFee);
        var slippageRate = reader.GetDecimal(8);
        ISlippageModel slippage = reader.GetString(7) switch
        {
            "none" => new NoSlippage(),
            "fixed" => new FixedFractionSlippage(slippageRate),
            "seed" => new SeedSlippageModel(slippageRate),
            var other => throw new InvalidOperationException($"Unknown slippage model '{other}'."),
        };

        var config = new AccountConfig
        {
            AccountId = reader.GetString(0),
            Currency = new Currency(reader.GetString(1)),
            InitialCapital = reader.GetDecimal(2),
            FeeModel = fees,
            SlippageModel = slippage,
            FillModel = FillModel,
            SpreadFractionWhenLastOnly = reader.GetDecimal(9),
            MaxPositionFraction = reader.GetDecimal(10),
            AllowShorting = reader.GetBoolean(11),
            Leverage = reader.GetDecimal(12),
            AllowPartialSize = reader.GetBoolean(13),
            ConfidenceThreshold = reader.GetDecimal(14),
            StalenessBound = reader.GetFieldValue<TimeSpan>(15),
            RandomSeed = reader.GetInt64(16),
            Latency = reader.GetFieldValue<TimeSpan>(19),
            Halted = reader.GetBoolean(17),
            HaltReason = reader.IsDBNull(18) ? null : reader.GetString(18),
            DefaultStopLossFraction = reader.IsDBNull(20) ? null : reader.GetDecimal(20) / 100m,
            DefaultTakeProfitFraction = reader.IsDBNull(21) ? null : reader.GetDecimal(21) / 100m,
            FillProbabilityOnTouch = reader.GetDecimal(22),
        };
        return (config, reader.GetDecimal(3), config.Latency);
    }
}
