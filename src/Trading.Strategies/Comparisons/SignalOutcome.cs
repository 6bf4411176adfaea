namespace Trading.Strategies.Comparisons;

/// <summary>What became of a side's decision on one signal: its status (executed, rejected, skipped ...) and why.</summary>
public sealed record SignalOutcome(string Key, string Status, string? Reason);
