namespace Trading.Engine.Slippage;

public sealed class NoSlippage : ISlippageModel
{
    public string Name => "none";

    public string Parameters => "{}";

    public decimal SlippageFraction(SlippageContext ctx) => 0m;
}
