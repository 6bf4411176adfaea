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
            cash                    = COALESCE($2, initial_capital),
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
            liquidity_model         = COALESCE($16, liquidity_model),
            synthetic_levels        = COALESCE($17, synthetic_levels),
            synthetic_units_per_tick = CASE WHEN $18::boolean THEN NULL ELSE COALESCE($19, synthetic_units_per_tick) END,
            impact_coefficient      = COALESCE($20, impact_coefficient)
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
        stopLossPct, takeProfitPct, fillProbability, liquidity, syntheticLevels, unitsPerTick, impactCoefficient,
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

    /// <summary>$2 … $20 of <see cref="UpdateSql"/>, NULL for what was not given (--units-per-tick 0 sets NULL: the touch's size).</summary>
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
            CliParameters.Text(parse.GetValue(liquidity)?.ToLowerInvariant()),
            CliParameters.Number(parse.GetValue(syntheticLevels)),
            CliParameters.Flag(parse.GetValue(unitsPerTick) == 0m),
            CliParameters.Number(parse.GetValue(unitsPerTick) is > 0m or < 0m ? parse.GetValue(unitsPerTick) : null),
            CliParameters.Number(parse.GetValue(impactCoefficient)),
        ];
    }
}
