using Trading.Strategies.Bars;
using Trading.Strategies.Conditions;

namespace Trading.Strategies.Evaluation;

/// <summary>
/// What conditions see at one bar: the bar and every field of every indicator, taken once all are defined. The previous
/// bar's frame is kept for crossings, so a crossing reads stored numbers instead of recomputing an indicator backwards.
/// </summary>
internal sealed class BarFrame
{
    private readonly IReadOnlyDictionary<IndicatorOperand, decimal> _values;

    public BarFrame(Bar bar, IReadOnlyDictionary<IndicatorOperand, decimal> values)
    {
        Bar = bar;
        _values = values;
    }

    public Bar Bar { get; }

    public decimal Resolve(Operand operand) => operand switch
    {
        ConstantOperand constant => constant.Value,
        PriceOperand price => price.Read(Bar),
        IndicatorOperand indicator => _values[indicator],
        _ => throw new ArgumentOutOfRangeException(nameof(operand), operand, "Not an operand the parser builds."),
    };
}
