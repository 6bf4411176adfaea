using System.CommandLine;
using Microsoft.Extensions.Logging;
using Trading.Orchestrator.Bench;
using Trading.Orchestrator.Cli;
using Trading.Orchestrator.Backtests;
using Trading.Orchestrator.Hosting;

namespace Trading.Orchestrator;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var configuration = CommonOptions.Configuration(args);
        using var loggers = LoggerFactory.Create(b => b
            // Logs go to stderr so that stdout carries only a command's output (tables, --json).
            .AddSafeConsole()
            // One-shot commands say what they did on stdout; their info lines are for --verbose. `run` is a service
            // whose log is its output.
            .SetMinimumLevel(args.Contains("--verbose") || args.Contains("run") ? LogLevel.Information : LogLevel.Warning)
            .AddFilter("Npgsql", LogLevel.Warning));

        var root = new RootCommand("trading: a paper-trading decision orchestrator on PostgreSQL.");
        root.Options.Add(CommonOptions.Connection);
        root.Options.Add(CommonOptions.Json);
        root.Options.Add(CommonOptions.Verbose);
        root.Subcommands.Add(MigrateCommand.Create(configuration, loggers));
        root.Subcommands.Add(DemoCommand.Create(configuration, loggers));
        root.Subcommands.Add(RunCommand.Create(configuration, loggers));
        root.Subcommands.Add(BenchCommand.Create(configuration, loggers));
        root.Subcommands.Add(FeedCommand.Create(configuration, loggers));
        root.Subcommands.Add(DecideCommand.Create(configuration, loggers));
        root.Subcommands.Add(CancelCommand.Create(configuration, loggers));
        root.Subcommands.Add(StatusCommand.Create(configuration, loggers));
        root.Subcommands.Add(ListCommands.Positions(configuration, loggers));
        root.Subcommands.Add(ListCommands.Orders(configuration, loggers));
        root.Subcommands.Add(ListCommands.Trades(configuration, loggers));
        root.Subcommands.Add(ListCommands.Decisions(configuration, loggers));
        root.Subcommands.Add(AccountsCommand.Create(configuration, loggers));
        root.Subcommands.Add(AgentsCommand.Create(configuration, loggers));
        root.Subcommands.Add(InstrumentsCommand.Create(configuration, loggers));
        root.Subcommands.Add(CheckCommand.Create(configuration, loggers));
        root.Subcommands.Add(KillSwitchCommand.Create(configuration, loggers));
        root.Subcommands.Add(KillSwitchCommand.CreateResume(configuration, loggers));
        root.Subcommands.Add(ReportCommand.Create(configuration, loggers));
        root.Subcommands.Add(GatesCommand.Create(configuration, loggers));
        root.Subcommands.Add(StrategyCommand.Create(configuration, loggers));
        root.Subcommands.Add(BacktestCommand.Create(configuration, loggers));
        root.Subcommands.Add(CompareCommand.Create(configuration, loggers, new SessionBacktest(TimeProvider.System)));
        root.Subcommands.Add(DbCommand.Create(configuration, loggers));
        root.Subcommands.Add(McpCommand.Create(configuration, loggers));

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // Unparseable input is a usage error (exit 2, like the commands' own argument checks), not a failure.
            foreach (var message in ParseErrors.Messages(parse))
            {
                await Console.Error.WriteLineAsync($"trading: {TerminalText.Clean(message)}");
            }

            await Console.Error.WriteLineAsync("See `trading --help` or `trading <command> --help`.");
            return ExitCodes.BadArguments;
        }

        if (parse.GetValue(CommonOptions.Json))
        {
            CliOutput.KeepStdoutForJson();
        }

        try
        {
            // SIGTERM/Ctrl+C cancel the command's token; a running orchestrator then finishes its batch in hand and
            // stops its host (up to HostOptions.ShutdownTimeout), so the process is given longer than the 2 s default.
            // The library's own handler would swallow the exceptions below into a generic exit 1: they are handled here.
            return await parse.InvokeAsync(new InvocationConfiguration
            {
                ProcessTerminationTimeout = TimeSpan.FromSeconds(45),
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Failure;
        }
        catch (Exception e)
        {
            var (message, exitCode) = ErrorReport.Describe(e);
            await Console.Error.WriteLineAsync($"trading: {TerminalText.Clean(message)}");
            if (!parse.GetValue(CommonOptions.Verbose))
            {
                if (exitCode == ExitCodes.Failure)
                {
                    await Console.Error.WriteLineAsync("trading: run again with --verbose for the trace.");
                }

                return exitCode;
            }

            foreach (var line in e.ToString().Split('\n'))
            {
                await Console.Error.WriteLineAsync(TerminalText.Clean(line.TrimEnd('\r')));
            }

            return exitCode;
        }
    }
}
