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
    decimal? PriceVsDecision);
