namespace Trading.Engine.Orders.Resting;

/// <summary>The exit orders (none when no exit was asked for), or a refusal and no orders.</summary>
public sealed record BracketResult(IReadOnlyList<RestingOrder> Orders, string? Refusal)
{
    public bool Refused => Refusal is not null;
}
