using Trading.Engine.Positions;

namespace Trading.Engine.Risk.Limits;

/// <summary>
/// The account figures the limits are measured on, before the proposed order. Every open position
/// needs a mark. <see cref="DayStartEquity"/> is the equity of the day's first snapshot (so the
/// daily loss counts realised and unrealised P&amp;L since then); <see cref="PeakEquity"/> the highest
/// snapshot equity. <see cref="TradesToday"/> counts the account's trades (fills) today; the agent
/// symbol and login counts are needed only by limits scoped that way.
/// </summary>
public sealed record RiskContext(
    decimal Equity,
    IReadOnlyCollection<Position> Positions,
    IReadOnlyDictionary<string, decimal> Marks,
    int TradesToday,
    decimal DayStartEquity,
    decimal PeakEquity,
    int? AgentTradesToday = null,
    int? SymbolTradesToday = null,
    int? LoginTradesToday = null)
{
    public int OpenPositions => Positions.Count;
}
