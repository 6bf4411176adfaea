namespace Trading.Orchestrator.Tests.Reliability;

/// <summary>Tests that restart the shared test server run alone, after everything else.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "serial: restarts the server";
}
