namespace Trading.Engine.Positions;

public enum LedgerEntryKind
{
    /// <summary>The fill notional: negative for a buy, positive for a sell (a short sale too).</summary>
    TradeNotional,

    /// <summary>A fee, always a debit.</summary>
    Fee,
}
