using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Trading.Orchestrator.Bench;

/// <summary>`trading bench ...`: benchmarks that print figures (never asserted in tests).</summary>
public static class BenchCommand
{
    public static Command Create(IConfiguration configuration, ILoggerFactory loggers)
    {
        var command = new Command("bench", "Benchmarks: figures printed and written to JSON for comparison between commits.");
        command.Subcommands.Add(BenchLatencyCommand.Create(configuration, loggers));
        command.Subcommands.Add(BenchRunCommand.Create(configuration, loggers));
        command.Subcommands.Add(BenchViewsCommand.Create(configuration, loggers));
        command.Subcommands.Add(BenchIngestCommand.Create(configuration, loggers));
        command.Subcommands.Add(BenchLatestCommand.Create(configuration, loggers));
        command.Subcommands.Add(BenchOrdersCommand.Create(configuration, loggers));
        command.Subcommands.Add(BenchBacktestCommand.Create());
        return command;
    }
}
