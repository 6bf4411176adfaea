namespace Trading.Engine.Fills;

/// <summary>Prices a fill from a quote; null when the quote has no price the order can execute at.</summary>
public interface IFillModel
{
    string Name { get; }

    FillPrice? Price(FillContext ctx);
}
