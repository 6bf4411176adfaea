namespace Trading.Orchestrator.Cli;

/// <summary>Process exit codes, stable for scripts.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int BadArguments = 2;
    public const int DatabaseUnavailable = 3;
    public const int MigrationRefused = 4;
    public const int NotFound = 5;
    public const int GatesFailed = 6;
}
