using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Trading.Orchestrator.Reports;

namespace Trading.Orchestrator.Cli;

/// <summary>
/// `trading report --account A | --backtest RUN --out report.html [--png report.png]`: metrics, equity curve and drawdown in one
/// self-contained HTML file (inline SVG); --png screenshots it with headless chromium (exit 9 when chromium is missing).
/// </summary>
public static class ReportCommand
{
    public static Command Create(IConfiguration configuration, ILoggerFactory loggers)
    {
        var account = CliOptions.Account("The account to report on (this or --backtest is required).");
        var backtest = new Option<long?>("--backtest") { Description = "A stored backtest run to report on instead of an account (`trading backtest` prints its id)." };
        var window = new WindowOptions();
        var output = new Option<FileInfo>("--out", "-o") { Description = "HTML file to write (default report.html).", DefaultValueFactory = _ => new FileInfo("report.html") };
        var png = new Option<FileInfo?>("--png") { Description = $"Also render a PNG screenshot with headless chromium ({ChromiumRenderer.DefaultPath})." };
        var command = new Command("report", "Write a self-contained HTML performance report (metrics, equity curve, drawdown as inline SVG), " +
            "optionally a PNG. Exit 0 written; 2 bad arguments; 5 unknown account; 9 chromium missing for --png (the HTML is still written).");
        command.Options.Add(account);
        command.Options.Add(backtest);
        window.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(png);
        command.SetAction((parse, cancellationToken) =>
        {
            var name = parse.GetValue(account);
            var (from, to, problem) = window.Read(parse);
            var run = parse.GetValue(backtest);
            if ((name is null) == (run is null) || problem is not null)
            {
                return Task.FromResult(CliOutput.Error("report",
                    problem ?? (name is null ? "--account is required (or --backtest RUN for a backtest run)." : "give --account or --backtest, not both."),
                    ExitCodes.BadArguments));
            }

            var html = parse.GetValue(output)!;
            var image = parse.GetValue(png);
            var json = parse.GetValue(CommonOptions.Json);
            return new CliDatabase(configuration, loggers).RunAsync(parse, "report", async database =>
            {
                var source = run is { } id ? await BacktestReport.SourceAsync(database.DataSource, id, cancellationToken) : PerformanceSource.Account(name!);
                if (source is null)
                {
                    return CliOutput.Error("report", $"no backtest run {run}.", ExitCodes.NotFound);
                }

                if (run is null && !await CliDatabase.AccountExistsAsync(database, "report", name!, cancellationToken))
                {
                    return ExitCodes.NotFound;
                }

                PerformanceMetrics? metrics = null;
                List<EquityPoint> curve = [];
                string? failure = null;
                var exit = ExitCodes.Success;
                await Progress(json, "Querying metrics and the equity curve...", async context =>
                {
                    metrics = await PerformanceQuery.MetricsAsync(database.DataSource, source, from, to, cancellationToken);
                    curve = await PerformanceQuery.CurveAsync(database.DataSource, source, from, to, cancellationToken);
                    var (heading, appendix) = run is { } id
                        ? ($"Backtest report: run {id} ({source.Name})", await BacktestReport.TradesHtmlAsync(database.DataSource, id, from, to, cancellationToken))
                        : ((string?)null, (string?)null);
                    html.Directory?.Create();
                    await File.WriteAllTextAsync(html.FullName, HtmlReport.Render(metrics, curve, DateTimeOffset.UtcNow, heading, appendix), cancellationToken);
                    if (image is null)
                    {
                        return;
                    }

                    if (ChromiumRenderer.Find() is not { } chromium)
                    {
                        failure = $"cannot render {image.Name}: chromium is not installed ({ChromiumRenderer.DefaultPath}; Debian: apt-get install chromium). The HTML report was written.";
                        exit = CliExitCodes.ToolMissing;
                        return;
                    }

                    context?.Status($"Rendering {image.Name} with headless chromium...");
                    image.Directory?.Create();
                    await ChromiumRenderer.RenderAsync(chromium, html.FullName, image.FullName, TimeSpan.FromSeconds(90), cancellationToken);
                });

                if (json)
                {
                    CliOutput.Json(new { account = name, backtest = run, html = html.FullName, png = exit == ExitCodes.Success ? image?.FullName : null, points = curve.Count, metrics });
                }
                else
                {
                    CliOutput.Table($"Performance: {source!.Name} ({HtmlReport.Window(metrics!)})", [Figures(metrics!)]);
                    CliOutput.Console.MarkupLine($"wrote [bold]{CliOutput.Escape(html.FullName)}[/] ({curve.Count} snapshots)");
                    if (image is not null && exit == ExitCodes.Success)
                    {
                        CliOutput.Console.MarkupLine($"wrote [bold]{CliOutput.Escape(image.FullName)}[/] ({image.Length:N0} bytes)");
                    }
                }

                return failure is null ? exit : CliOutput.Error("report", failure, exit);
            }, cancellationToken);
        });
        return command;
    }

    private static Dictionary<string, object?> Figures(PerformanceMetrics m) => new(StringComparer.Ordinal)
    {
        ["trades"] = m.TotalTrades,
        ["win_rate"] = m.WinRate,
        ["profit_factor"] = m.ProfitFactor,
        ["net_pnl"] = m.TotalPnl,
        ["expectancy"] = m.Expectancy,
        ["avg_win"] = m.AverageWin,
        ["avg_loss"] = m.AverageLoss,
        ["avg_duration"] = m.AverageTradeDuration,
        ["trades_per_day"] = m.TradesPerDay,
        ["sharpe"] = m.SharpeRatio,
        ["sortino"] = m.SortinoRatio,
        ["max_drawdown_pct"] = m.MaxDrawdownPct,
    };

    // A spinner on a terminal; nothing on a pipe or with --json, where it would only corrupt the output.
    private static Task Progress(bool json, string text, Func<StatusContext?, Task> work)
    {
        if (json || Console.IsOutputRedirected)
        {
            return work(null);
        }

        return CliOutput.Console.Status().Spinner(Spinner.Known.Dots).StartAsync(text, context => work(context));
    }
}
