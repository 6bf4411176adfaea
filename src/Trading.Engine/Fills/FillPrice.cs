namespace Trading.Engine.Fills;

/// <summary>The price a fill executes at and how it was reached from the reference (touch) price.</summary>
public sealed record FillPrice(decimal ReferencePrice, decimal Price, decimal SlippageFraction, decimal SlippagePerUnit);
