namespace Trading.Engine.Slippage;

/// <summary>
/// Returns the fraction (≥ 0) by which the fill price moves against the trader. Slippage lives in
/// the fill price only; nothing subtracts it a second time.
/// </summary>
public interface ISlippageModel
{
    string Name { get; }

    /// <summary>Short JSON text of the model's parameters, stored with each fill for provenance.</summary>
    string Parameters { get; }

    decimal SlippageFraction(SlippageContext ctx);
}
