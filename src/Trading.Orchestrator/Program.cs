namespace Trading.Orchestrator;

internal static class Program
{
    public static int Main() => 0;
}
