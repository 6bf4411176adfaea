using System.Globalization;

namespace Trading.Strategies.Conditions;

/// <summary>A number written in the config (an RSI threshold, a band level).</summary>
internal sealed record ConstantOperand(decimal Value) : Operand
{
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
