using Trading.Engine.MarketData;

namespace Trading.Engine.Execution;

/// <summary>A decision that passed its checks: its plan, the quote it meets, and the marks it was sized on.</summary>
internal sealed record OrderIntent(
    DecisionRequest Decision, OrderPlan Plan, Quote Quote, InstrumentSpec Instrument, IReadOnlyDictionary<string, decimal> Marks, decimal SizingPrice);
