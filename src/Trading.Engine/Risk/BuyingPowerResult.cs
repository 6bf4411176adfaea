namespace Trading.Engine.Risk;

/// <summary>
/// The verdict: allowed with <see cref="Quantity"/> (possibly reduced, when the account allows
/// partial sizing), or refused. <see cref="Reason"/> carries the figures either way.
/// </summary>
public sealed record BuyingPowerResult(bool Allowed, decimal RequestedQuantity, decimal Quantity, string Reason)
{
    public bool Reduced => Allowed && Quantity < RequestedQuantity;
}
