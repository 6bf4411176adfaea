namespace Trading.Engine.Positions;

/// <summary>One cash movement; cash = initial capital + Σ Amount exactly.</summary>
public sealed record LedgerEntry(LedgerEntryKind Kind, string Symbol, decimal Amount, DateTimeOffset Time);
