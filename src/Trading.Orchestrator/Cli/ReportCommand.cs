using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Trading.Orchestrator.Reports;

namespace Trading.Orchestrator.Cli;

/// <summary>
/// `trading report --account A | --backtest RUN [--out file.html] [--png report.png]`: the account's (or a stored backtest run's) performance in one self-contained
/// HTML file (inline SVG); --png screenshots it with headless chromium (exit 9 when chromium is missing). Without --out
/// the file goes to the reports folder beside the embedded database's (<see cref="DefaultOutput"/>), never into the
/// working folder, and the command says where.
/// </summary>
public static class ReportCommand
{
    public static Command Create(IConfiguration configuration, ILoggerFactory loggers)
    {
        var account = CliOptions.Account("The account to report on (this or --backtest is required).");
        var backtest = new Option<long?>("--backtest") { Description = "A stored backtest run to report on instead of an account (`trading backtest` prints its id)." };
        var window = new WindowOptions();
        var output = new Option<FileInfo?>("--out", "-o") { Description = $"HTML file to write (default: {Path.Combine(ReportsFolder(), "<account>.html")}, replaced on each run)." };
        var png = new Option<FileInfo?>("--png") { Description = $"Also render a PNG screenshot with headless chromium ({ChromiumRenderer.DefaultPath})." };
        var command = new Command("report", "Write a self-contained HTML performance report (equity, realised and unrealised P&L, fees, curve, " +
            "drawdown, trade returns, decisions refused and why, positions, per-symbol and per-agent results, buy-and-hold, trades, settings), " +
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

            var html = parse.GetValue(output) ?? DefaultOutput(name ?? $"backtest-{run}");
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
                ReportDetails? details = null;
                List<EquityPoint> curve = [];
                string? failure = null;
                var exit = ExitCodes.Success;
                await Progress(json, "Querying metrics and the equity curve...", async context =>
                {
                    metrics = await PerformanceQuery.MetricsAsync(database.DataSource, source, from, to, cancellationToken);
                    curve = await PerformanceQuery.CurveAsync(database.DataSource, source, from, to, cancellationToken);
                    string? heading = null, appendix = null;
                    if (run is { } backtestRun)
                    {
                        // A run has no decisions, positions or settings rows of an account: its page is the figures, the curves and its trades.
                        heading = $"Backtest report: run {backtestRun} ({source.Name})";
                        appendix = await BacktestReport.TradesHtmlAsync(database.DataSource, backtestRun, from, to, cancellationToken);
                    }
                    else
                    {
                        details = await ReportQuery.ReadAsync(database.DataSource, name!, from, to, cancellationToken);
                        details = details with { RealismBand = await RealismBandQuery.ReadAsync(database.DataSource, name!, cancellationToken) };
                    }

                    if (details is not null && curve.Count > 0)
                    {
                        var times = SvgChart.Thin(curve.Select(p => (p.Time, p.TotalValue)).ToList()).Select(p => p.Time).ToList();
                        details = details with
                        {
                            BenchmarkCurve = await ReportQuery.BenchmarkCurveAsync(database.DataSource, details.Benchmark, times, curve[0].TotalValue, cancellationToken),
                        };
                    }

                    html.Directory?.Create();
                    await File.WriteAllTextAsync(html.FullName, HtmlReport.Render(metrics, curve, details, DateTimeOffset.UtcNow, heading, appendix), cancellationToken);
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
                        backtest = run,
                        html = html.FullName,
                        png = exit == ExitCodes.Success ? image?.FullName : null,
                        points = curve.Count,
                        metrics,
                        headline = details?.Headline,
                        benchmark_return_pct = details?.BenchmarkReturnPct,
                        benchmark = details?.Benchmark,
                        by_symbol = details?.BySymbol,
                        by_agent = details?.ByAgent,
                        decisions = details?.Decisions,
                        rejection_reasons = details?.TopReasons,
                        returns_histogram = details?.Returns,
                        realism_band = details?.RealismBand,
                    });
                }
                else
                {
                    CliOutput.Table($"Performance: {source.Name} ({HtmlReport.Window(metrics!)})", [Figures(metrics!, details?.Headline)]);
                    if (details is { RealismBand: { } band })
                    {
                        CliOutput.Table("Realism band: net P&L under three fill models", BandRows(band, details.Headline.Currency));
                    }

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
    // A backtest run has no account headline (equity and fees of an account now): its net P&L stands in for it.
    private static Dictionary<string, object?> Figures(PerformanceMetrics m, ReportHeadline? h)
    {
        var figures = h is null
            ? new Dictionary<string, object?>(StringComparer.Ordinal) { ["net P&L"] = DisplayNumber.SignedMoney(m.TotalPnl, null) }
            : new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["equity"] = DisplayNumber.Money(h.Equity, h.Currency),
                ["total P&L"] = DisplayNumber.SignedMoney(h.TotalPnl, h.Currency),
                ["realised (net)"] = DisplayNumber.SignedMoney(h.RealizedNet, h.Currency),
                ["unrealised"] = DisplayNumber.SignedMoney(h.UnrealizedPnl, h.Currency),
                ["fees paid"] = DisplayNumber.Money(h.FeesPaid, h.Currency),
            };
        figures["trades"] = m.TotalTrades;
        figures["win rate"] = DisplayNumber.Percent(m.WinRate);
        figures["profit factor"] = DisplayNumber.Figure(m.ProfitFactor);
        figures["sharpe"] = DisplayNumber.Figure(m.SharpeRatio);
        figures["max drawdown"] = DisplayNumber.Percent(m.MaxDrawdownPct);
        return figures;
    }

    // The account, then its strategies: one line each, rounded for display (--json has the exact figures).
    private static List<Dictionary<string, object?>> BandRows(RealismBand band, string currency) =>
        [.. new[] { band.Account }.Concat(band.Strategies).Select((row, i) => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["scope"] = i == 0 ? "account" : row.Strategy ?? "(no strategy)",
            ["fills"] = row.Fills,
            ["pessimistic"] = DisplayNumber.SignedMoney(row.Pessimistic, currency),
            ["actual"] = DisplayNumber.SignedMoney(row.Actual, currency),
            ["optimistic"] = DisplayNumber.SignedMoney(row.Optimistic, currency),
            ["band width"] = DisplayNumber.Money(row.Width, currency),
        })];

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
