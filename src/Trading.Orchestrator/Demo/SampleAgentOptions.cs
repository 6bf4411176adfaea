namespace Trading.Orchestrator.Demo;

/// <summary>Who the sample agent trades for and how often.</summary>
public sealed record SampleAgentOptions(string Account, TimeSpan Interval, int Seed);
