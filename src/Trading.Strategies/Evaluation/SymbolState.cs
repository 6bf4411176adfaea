using Trading.Strategies.Bars;
using Trading.Strategies.Conditions;
using Trading.Strategies.Config;
using Trading.Strategies.Indicators;

namespace Trading.Strategies.Evaluation;

/// <summary>One symbol's indicators, its last bar (for ordering and duplicate detection) and its last frame (for crossings).</summary>
internal sealed class SymbolState
{
    private readonly (IndicatorDefinition Definition, Indicator Indicator, IReadOnlyList<string> Fields)[] _indicators;

    public SymbolState(IReadOnlyList<IndicatorDefinition> definitions)
    {
        _indicators = definitions
            .Select(d => (d, IndicatorCatalog.Create(d.Name, d.Parameters), IndicatorCatalog.Find(d.Name)!.Fields))
            .ToArray();
    }

    public Bar? LastBar { get; private set; }

    public BarFrame? PreviousFrame { get; private set; }

    /// <summary>Feeds the bar to every indicator; returns its frame, or null while any indicator is warming up.</summary>
    public BarFrame? Advance(Bar bar)
    {
        foreach (var (_, indicator, _) in _indicators)
        {
            indicator.Update(bar);
        }

        LastBar = bar;
        BarFrame? frame = null;
        if (Array.TrueForAll(_indicators, i => i.Indicator.IsDefined))
        {
            var values = new Dictionary<IndicatorOperand, decimal>();
            foreach (var (definition, indicator, fields) in _indicators)
            {
                foreach (var field in fields)
                {
                    values[new IndicatorOperand(definition.Id, field)] = indicator.Read(field);
                }
            }

            frame = new BarFrame(bar, values);
        }

        return frame;
    }

    public void Remember(BarFrame? frame) => PreviousFrame = frame;
}
