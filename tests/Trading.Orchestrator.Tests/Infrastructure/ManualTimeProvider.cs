namespace Trading.Orchestrator.Tests.Infrastructure;

/// <summary>A clock the test sets.</summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}
