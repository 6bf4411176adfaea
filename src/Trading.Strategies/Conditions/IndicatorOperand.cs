namespace Trading.Strategies.Conditions;

/// <summary>A field of a configured indicator, by the indicator's id (its name when the config gives no id).</summary>
internal sealed record IndicatorOperand(string IndicatorId, string Field) : Operand
{
    public override string ToString() => $"{IndicatorId}.{Field}";
}
