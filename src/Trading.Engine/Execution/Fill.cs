using Trading.Engine.Fills;
using Trading.Engine.Impact;
using Trading.Engine.Liquidity;
using Trading.Engine.MarketData;
using Trading.Engine.Primitives;

namespace Trading.Engine.Execution;

/// <summary>
/// One execution with its provenance. Slippage is already inside <see cref="Price"/>;
/// <see cref="SlippageCost"/> (= round(per unit × quantity, 10)) is reported, never charged.
/// <see cref="PriceVsDecision"/> is price − the decision's informational current price.
/// </summary>
public sealed record Fill(
    decimal Quantity,
    decimal Price,
    decimal ReferencePrice,
    decimal SlippageFraction,
    decimal SlippagePerUnit,
    decimal SlippageCost,
    decimal Notional,
    decimal Fee,
    LiquidityRole LiquidityRole,
    DateTimeOffset Time,
    Quote Quote,
    string FillModel,
    string SlippageModel,
    string SlippageParameters,
    string FeeModel,
    string FeeParameters,
    long RngSeed,
    decimal? PriceVsDecision)
{
    /// <summary>Which book priced the fill, its level and how many levels its order walked.</summary>
    public BookProvenance? Book { get; init; }

    /// <summary>For the square-root impact model: Y, σ, V, the window and Q the fraction came from; null otherwise.</summary>
    public ImpactProvenance? Impact { get; init; }

    /// <summary>
    /// A fill under the account's models: slippage cost derived, the models' names and parameters recorded
    /// (<paramref name="fillModel"/> when another model than the account's market fill model filled it).
    /// </summary>
    public static Fill Under(
        AccountConfig config,
        decimal quantity,
        FillPrice price,
        decimal notional,
        decimal fee,
        LiquidityRole role,
        DateTimeOffset time,
        Quote quote,
        long rngSeed,
        decimal? priceVsDecision,
        string? fillModel = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(price);
        return new Fill(
            quantity,
            price.Price,
            price.ReferencePrice,
            price.SlippageFraction,
            price.SlippagePerUnit,
            EngineMath.RoundMoney(price.SlippagePerUnit * quantity),
            notional,
            fee,
            role,
            time,
            quote,
            fillModel ?? config.FillModel.Name,
            config.SlippageModel.Name,
            config.SlippageModel.Parameters,
            config.FeeModel.Name,
            config.FeeModel.Parameters,
            rngSeed,
            priceVsDecision);
    }
}
