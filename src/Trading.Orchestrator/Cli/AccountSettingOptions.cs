using System.CommandLine;
using Npgsql;

namespace Trading.Orchestrator.Cli;

/// <summary>
/// The simulation settings of an account as options (`accounts create`, `backtest`), and the UPDATE that applies those
/// given to an `accounts` row ($1 = the account): settings not given keep the row's values, so the defaults live in
/// the migration and nowhere else.
/// </summary>
public sealed class AccountSettingOptions
{
    public const string UpdateSql = """
        UPDATE accounts
        SET initial_capital         = COALESCE($2, initial_capital),
            cash                    = COALESCE($2, cash),
            base_currency           = COALESCE($3, base_currency),
            allow_shorting          = COALESCE($4, allow_shorting),
            leverage                = COALESCE($5, leverage),
            fee_rate                = COALESCE($6, fee_rate),
            min_fee                 = COALESCE($7, min_fee),
            slippage_model          = COALESCE($8, slippage_model),
            slippage_rate           = COALESCE($9, slippage_rate),
            max_position_fraction   = COALESCE($10, max_position_fraction),
            confidence_threshold    = COALESCE($11, confidence_threshold),
            allow_partial_size      = COALESCE($12, allow_partial_size),
            default_stop_loss_pct   = COALESCE($13, default_stop_loss_pct),
            default_take_profit_pct = COALESCE($14, default_take_profit_pct),
            fill_probability        = COALESCE($15, fill_probability),
            limit_fill_model        = COALESCE($16, limit_fill_model),
            fault_reject_probability  = COALESCE($17, fault_reject_probability),
            fault_partial_probability = COALESCE($18, fault_partial_probability),
            fault_latency_probability = COALESCE($19, fault_latency_probability),
            fault_max_latency         = COALESCE($20, fault_max_latency),
            fault_stale_probability   = COALESCE($21, fault_stale_probability),
            liquidity_model         = COALESCE($22, liquidity_model),
            synthetic_levels        = COALESCE($23, synthetic_levels),
            synthetic_units_per_tick = CASE WHEN $24::boolean THEN NULL ELSE COALESCE($25, synthetic_units_per_tick) END,
            impact_coefficient      = COALESCE($26, impact_coefficient)
        WHERE account = $1
        """;

    private readonly Option<decimal?> capital = new("--capital") { Description = "Initial capital; cash starts equal to it (default 10000)." };
    private readonly Option<string?> currency = new("--currency") { Description = "Base currency (default USDT)." };
    private readonly Option<bool> shorting = new("--shorting") { Description = "Allow short positions." };
    private readonly Option<decimal?> leverage = new("--leverage") { Description = "Buying power = equity x leverage (default 1)." };
    private readonly Option<decimal?> feeRate = new("--fee-rate") { Description = "Fee per fill as a fraction of notional (default 0.001)." };
    private readonly Option<decimal?> minFee = new("--min-fee") { Description = "Minimum fee per fill (default 1)." };
    private readonly Option<string?> slippageModel = new("--slippage-model")
    {
        Description = "none, fixed, seed or sqrt_impact (Y x sigma x sqrt(Q / V) from the last hour's one-minute bars) (default seed).",
    };
    private readonly Option<decimal?> slippageRate = new("--slippage-rate") { Description = "Slippage rate (default 0.0005)." };
    private readonly Option<decimal?> maxPosition = new("--max-position-fraction") { Description = "Largest position as a fraction of equity (default 0.20)." };
    private readonly Option<decimal?> threshold = new("--confidence-threshold") { Description = "Decisions below this confidence are skipped (default 0.60)." };
    private readonly Option<bool> partial = new("--partial") { Description = "Reduce orders beyond buying power instead of rejecting them." };
    private readonly Option<decimal?> stopLossPct = new("--stop-loss-pct")
    {
        Description = "Default stop-loss exit for every entry, in percent of the entry price (5 = 5 %; default none).",
    };

    private readonly Option<decimal?> takeProfitPct = new("--take-profit-pct") { Description = "Default take-profit exit for every entry, in percent (default none)." };
    private readonly Option<decimal?> fillProbability = new("--fill-probability")
    {
        Description = "Chance in [0, 1] that a resting limit fills when a quote only touches its price (default 1).",
    };

    private readonly Option<string?> limitFillModel = new("--limit-fill-model")
    {
        Description = "How resting limit entries fill: touch (on a quote at their price, with --fill-probability; default) or queue (behind the size displayed at their price: prints beyond it, or a trade-through).",
    };

    private readonly Option<decimal?> faultReject = new("--fault-reject") { Description = "Injected fault: chance in [0, 1] that an order is rejected with an exchange-like reason (default 0)." };
    private readonly Option<decimal?> faultPartial = new("--fault-partial") { Description = "Injected fault: chance in [0, 1] that an order's arrival fill is cut to 10-90 % (default 0)." };
    private readonly Option<decimal?> faultLatency = new("--fault-latency") { Description = "Injected fault: chance in [0, 1] of an extra latency up to --fault-max-latency (default 0)." };
    private readonly Option<TimeSpan?> faultMaxLatency = new("--fault-max-latency")
    {
        Description = "Injected fault: the longest extra latency, e.g. 2s (at most 10m; default 0).",
        CustomParser = r => DurationParser.Parse(r),
    };

    private readonly Option<decimal?> faultStale = new("--fault-stale") { Description = "Injected fault: chance in [0, 1] that an order is rejected as if its quote were stale (default 0)." };

    private readonly Option<string?> liquidity = new("--liquidity")
    {
        Description = "book (walk the book level by level: market_depth, else synthetic depth from the quote) or unbounded (fill in full at the touch) (default book).",
    };

    private readonly Option<int?> syntheticLevels = new("--synthetic-levels") { Description = "Levels of a synthetic book, the touch included (default 10)." };
    private readonly Option<decimal?> unitsPerTick = new("--units-per-tick")
    {
        Description = "Size of each synthetic level below the touch; 0 = repeat the touch's size (default).",
    };

    private readonly Option<decimal?> impactCoefficient = new("--impact-coefficient") { Description = "Y of sqrt_impact, in (0, 10] (default 1)." };

    private IEnumerable<Option> All =>
    [
        capital, currency, shorting, leverage, feeRate, minFee, slippageModel, slippageRate, maxPosition, threshold, partial,
        stopLossPct, takeProfitPct, fillProbability, limitFillModel, faultReject, faultPartial, faultLatency, faultMaxLatency, faultStale,
        liquidity, syntheticLevels, unitsPerTick, impactCoefficient,
    ];

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in All)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Whether any setting was given on the command line.</summary>
    public bool AnyGiven(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return All.Any(o => parse.GetResult(o) is { Implicit: false });
    }

    /// <summary>$2 … $26 of <see cref="UpdateSql"/>, NULL for what was not given (--units-per-tick 0 sets NULL: the touch's size).</summary>
    public NpgsqlParameter[] Parameters(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return
        [
            CliParameters.Number(parse.GetValue(capital)),
            CliParameters.Text(parse.GetValue(currency)?.ToUpperInvariant()),
            CliParameters.Flag(parse.GetValue(shorting)),
            CliParameters.Number(parse.GetValue(leverage)),
            CliParameters.Number(parse.GetValue(feeRate)),
            CliParameters.Number(parse.GetValue(minFee)),
            CliParameters.Text(parse.GetValue(slippageModel)?.ToLowerInvariant()),
            CliParameters.Number(parse.GetValue(slippageRate)),
            CliParameters.Number(parse.GetValue(maxPosition)),
            CliParameters.Number(parse.GetValue(threshold)),
            CliParameters.Flag(parse.GetValue(partial)),
            CliParameters.Number(parse.GetValue(stopLossPct)),
            CliParameters.Number(parse.GetValue(takeProfitPct)),
            CliParameters.Number(parse.GetValue(fillProbability)),
            CliParameters.Text(parse.GetValue(limitFillModel)?.ToLowerInvariant()),
            CliParameters.Number(parse.GetValue(faultReject)),
            CliParameters.Number(parse.GetValue(faultPartial)),
            CliParameters.Number(parse.GetValue(faultLatency)),
            CliParameters.Interval(parse.GetValue(faultMaxLatency)),
            CliParameters.Number(parse.GetValue(faultStale)),
            CliParameters.Text(parse.GetValue(liquidity)?.ToLowerInvariant()),
            CliParameters.Number(parse.GetValue(syntheticLevels)),
            CliParameters.Flag(parse.GetValue(unitsPerTick) == 0m),
            CliParameters.Number(parse.GetValue(unitsPerTick) is > 0m or < 0m ? parse.GetValue(unitsPerTick) : null),
            CliParameters.Number(parse.GetValue(impactCoefficient)),
        ];
    }
}
