namespace Trading.Strategies.Comparisons;

/// <summary>A round trip one side has and the other does not, with why (what the other side did with its signal).</summary>
public sealed record UnmatchedTrade(string Side, ComparedTrade Trade, string Reason);
