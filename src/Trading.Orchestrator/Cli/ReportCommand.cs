using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Trading.Orchestrator.Reports;

namespace Trading.Orchestrator.Cli;

/// <summary>
/// `trading report --account A [--out file.html] [--png report.png]`: the account's performance in one self-contained
/// HTML file (inline SVG); --png screenshots it with headless chromium (exit 9 when chromium is missing). Without --out
/// the file goes to the reports folder beside the embedded database's (<see cref="DefaultOutput"/>), never into the
/// working folder, and the command says where.
/// </summary>
public static class ReportCommand
{
    public static Command Create(IConfiguration configuration, ILoggerFactory loggers)
    {
        var account = CliOptions.Account("Required: the account to report on.");
        var window = new WindowOptions();
        var output = new Option<FileInfo?>("--out", "-o") { Description = $"HTML file to write (default: {Path.Combine(ReportsFolder(), "<account>.html")}, replaced on each run)." };
        var png = new Option<FileInfo?>("--png") { Description = $"Also render a PNG screenshot with headless chromium ({ChromiumRenderer.DefaultPath})." };
        var command = new Command("report", "Write a self-contained HTML performance report (equity, realised and unrealised P&L, fees, curve, " +
            "drawdown, trade returns, decisions refused and why, positions, per-symbol and per-agent results, buy-and-hold, trades, settings), " +
            "optionally a PNG. Exit 0 written; 2 bad arguments; 5 unknown account; 9 chromium missing for --png (the HTML is still written).");
        command.Options.Add(account);
        window.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(png);
        command.SetAction((parse, cancellationToken) =>
        {
            var name = parse.GetValue(account);
            var (from, to, problem) = window.Read(parse);
            if (name is null || problem is not null)
            {
                return Task.FromResult(CliOutput.Error("report", problem ?? "--account is required.", ExitCodes.BadArguments));
            }

            var html = parse.GetValue(output) ?? DefaultOutput(name);
            var image = parse.GetValue(png);
            var json = parse.GetValue(CommonOptions.Json);
            return new CliDatabase(configuration, loggers).RunAsync(parse, "report", async database =>
            {
                if (!await CliDatabase.AccountExistsAsync(database, "report", name, cancellationToken))
                {
                    return ExitCodes.NotFound;
                }

                PerformanceMetrics? metrics = null;
                ReportDetails? details = null;
                List<EquityPoint> curve = [];
                string? failure = null;
                var exit = ExitCodes.Success;
                await Progress(json, "Querying metrics and the equity curve...", async context =>
                {
                    metrics = await PerformanceQuery.MetricsAsync(database.DataSource, name, from, to, cancellationToken);
                    curve = await PerformanceQuery.CurveAsync(database.DataSource, name, from, to, cancellationToken);
                    details = await ReportQuery.ReadAsync(database.DataSource, name, from, to, cancellationToken);
                    if (curve.Count > 0)
                    {
                        var times = SvgChart.Thin(curve.Select(p => (p.Time, p.TotalValue)).ToList()).Select(p => p.Time).ToList();
                        details = details with
                        {
                            BenchmarkCurve = await ReportQuery.BenchmarkCurveAsync(database.DataSource, details.Benchmark, times, curve[0].TotalValue, cancellationToken),
                        };
                    }

                    html.Directory?.Create();
                    await File.WriteAllTextAsync(html.FullName, HtmlReport.Render(metrics, curve, details, DateTimeOffset.UtcNow), cancellationToken);
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
                    CliOutput.Json(new
                    {
                        account = name,
                        html = html.FullName,
                        png = exit == ExitCodes.Success ? image?.FullName : null,
                        points = curve.Count,
                        metrics,
                        headline = details!.Headline,
                        benchmark_return_pct = details.BenchmarkReturnPct,
                        details.Benchmark,
                        by_symbol = details.BySymbol,
                        by_agent = details.ByAgent,
                        details.Decisions,
                        rejection_reasons = details.TopReasons,
                        returns_histogram = details.Returns,
                    });
                }
                else
                {
                    CliOutput.Table($"Performance: {name} ({HtmlReport.Window(metrics!)})", [Figures(metrics!, details!.Headline)]);
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

    /// <summary>The reports folder: beside the embedded database's default folder (e.g. ~/.local/share/trading/reports).</summary>
    public static string ReportsFolder() =>
        Path.Combine(Path.GetDirectoryName(Trading.Data.Embedded.EmbeddedPostgresOptions.DefaultDirectory())!, "reports");

    public static FileInfo DefaultOutput(string account) => new(Path.Combine(ReportsFolder(), account + ".html"));

    // The headline a person reads first, rounded for display (the JSON above keeps the exact figures).
    private static Dictionary<string, object?> Figures(PerformanceMetrics m, ReportHeadline h) => new(StringComparer.Ordinal)
    {
        ["equity"] = DisplayNumber.Money(h.Equity, h.Currency),
        ["total P&L"] = DisplayNumber.SignedMoney(h.TotalPnl, h.Currency),
        ["realised (net)"] = DisplayNumber.SignedMoney(h.RealizedNet, h.Currency),
        ["unrealised"] = DisplayNumber.SignedMoney(h.UnrealizedPnl, h.Currency),
        ["fees paid"] = DisplayNumber.Money(h.FeesPaid, h.Currency),
        ["trades"] = m.TotalTrades,
        ["win rate"] = DisplayNumber.Percent(m.WinRate),
        ["profit factor"] = DisplayNumber.Figure(m.ProfitFactor),
        ["sharpe"] = DisplayNumber.Figure(m.SharpeRatio),
        ["max drawdown"] = DisplayNumber.Percent(m.MaxDrawdownPct),
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
