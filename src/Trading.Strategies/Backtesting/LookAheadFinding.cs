namespace Trading.Strategies.Backtesting;

/// <summary>A signal that changed when the data was cut at its bar's close; <see cref="OnCutData"/> is null when it vanished.</summary>
public sealed record LookAheadFinding(string SignalKey, string OnFullData, string? OnCutData);
