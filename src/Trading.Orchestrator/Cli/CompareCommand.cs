using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Trading.Orchestrator.Comparisons;
using Trading.Orchestrator.Reports;
using Trading.Strategies.Comparisons;

namespace Trading.Orchestrator.Cli;

/// <summary>
/// `trading compare --session ID [--backtest RUN]`: seed 004's COMPARE step. Paper against a backtest of the same
/// strategy: the table, the assessment, the return-path similarity, the trades paired by signal with the causes of
/// their differences, the unmatched trades and the P&amp;L bridge; --out also writes them as an HTML page.
/// </summary>
public static class CompareCommand
{
    public static Command Create(IConfiguration configuration, ILoggerFactory loggers, IBacktestForSession engine)
    {
        var defaults = new AssessmentThresholds();
        var session = new Option<long?>("--session", "-s") { Description = "Required: the strategy session (its paper side)." };
        var backtest = new Option<long?>("--backtest", "-b") { Description = "A stored backtest run to compare with (default: a backtest of the session's own period and quotes)." };
        var output = new Option<FileInfo?>("--out", "-o") { Description = "Also write the comparison as a self-contained HTML page (both equity curves, the table, the bridge)." };
        var winRate = new Option<decimal>("--win-rate-tolerance") { Description = "Win rate tolerance in percentage points.", DefaultValueFactory = _ => defaults.WinRatePoints };
        var profitFactor = new Option<decimal>("--pf-tolerance") { Description = "Profit factor tolerance as a fraction of the backtest's.", DefaultValueFactory = _ => defaults.ProfitFactorRatio };
        var drawdown = new Option<decimal>("--dd-tolerance") { Description = "Max drawdown tolerance in percentage points.", DefaultValueFactory = _ => defaults.DrawdownPoints };
        var sharpe = new Option<decimal>("--sharpe-tolerance") { Description = "Sharpe ratio tolerance.", DefaultValueFactory = _ => defaults.SharpeDifference };
        var command = new Command("compare", "Compare a strategy session's paper results with a backtest (seed 004's COMPARE): table, assessment " +
            "(matches / significantly worse / significantly better), trades paired by signal with the causes of each difference, unmatched " +
            "trades, the P&L bridge and return-path similarity. Exit 0 compared; 2 bad arguments; 5 unknown session or run; 1 no backtest to compare with.");
        foreach (var option in new Option[] { session, backtest, output, winRate, profitFactor, drawdown, sharpe })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) =>
        {
            var json = parse.GetValue(CommonOptions.Json);
            AssessmentThresholds thresholds;
            try
            {
                thresholds = new AssessmentThresholds
                {
                    WinRatePoints = parse.GetValue(winRate),
                    ProfitFactorRatio = parse.GetValue(profitFactor),
                    DrawdownPoints = parse.GetValue(drawdown),
                    SharpeDifference = parse.GetValue(sharpe),
                }.Validated();
            }
            catch (ArgumentException e)
            {
                return Task.FromResult(CliOutput.Error("compare", e.Message, ExitCodes.BadArguments));
            }

            if (parse.GetValue(session) is not { } id)
            {
                return Task.FromResult(CliOutput.Error("compare", "--session is required.", ExitCodes.BadArguments));
            }

            var run = parse.GetValue(backtest);
            var html = parse.GetValue(output);
            return new CliDatabase(configuration, loggers).RunAsync(parse, "compare", async database =>
            {
                ComparisonReport report;
                try
                {
                    report = await SessionComparison.RunAsync(database.DataSource, id, run, thresholds, engine, cancellationToken);
                }
                catch (ComparisonException e)
                {
                    return CliOutput.Error("compare", e.Message, e.NotFound ? ExitCodes.NotFound : ExitCodes.Failure);
                }

                if (html is not null)
                {
                    html.Directory?.Create();
                    await File.WriteAllTextAsync(html.FullName, ComparisonHtml.Render(report, DateTimeOffset.UtcNow), cancellationToken);
                }

                if (json)
                {
                    var document = ComparisonJson.From(report);
                    document["html"] = html?.FullName;
                    CliOutput.Json(document);
                }
                else
                {
                    ComparisonText.Print(report);
                    if (html is not null)
                    {
                        CliOutput.Console.MarkupLine($"wrote [bold]{CliOutput.Escape(html.FullName)}[/]");
                    }
                }

                return ExitCodes.Success;
            }, cancellationToken);
        });
        return command;
    }
}
