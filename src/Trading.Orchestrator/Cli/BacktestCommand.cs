using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Trading.Data.Backtests;
using Trading.Orchestrator.Backtests;
using Trading.Orchestrator.Feeds;
using Trading.Orchestrator.Reports;
using Trading.Strategies.Backtesting;
using Spectre.Console;
using Trading.Strategies.Evaluation;

namespace Trading.Orchestrator.Cli;

/// <summary>
/// `trading backtest FILE --from T --to T [--data FILE] [--account A | account settings]`: runs a strategy over history
/// through the paper engine, in memory, stores the run (backtest_runs, _trades, _fills, _equity) and prints its figures.
/// </summary>
public static class BacktestCommand
{
    public static Command Create(IConfiguration configuration, ILoggerFactory loggers)
    {
        var file = new Argument<FileInfo>("file") { Description = "A strategy config (JSON, seed 004's format)." };
        var from = new Option<string>("--from") { Description = "Required: act on bars closing after this time (ISO 8601).", Required = true };
        var to = new Option<string>("--to") { Description = "Required: the data ends before this time (ISO 8601).", Required = true };
        var data = new Option<FileInfo?>("--data") { Description = "A quotes or klines CSV (as `feed replay` reads); default: the stored market_prices." };
        var format = new Option<string?>("--format") { Description = "quote or kline (default: kline when the file name contains 'kline', else quote)." };
        format.AcceptOnlyFromAmong("quote", "kline");
        var symbol = new Option<string?>("--symbol") { Description = "The symbol of a klines file (default: the strategy's, when it has one)." };
        var account = CliOptions.Account("Take the simulated account's settings from this account (default: a new account's, with the options below).");
        var settings = new AccountSettingOptions();
        var latency = new Option<TimeSpan?>("--latency")
        {
            Description = "From a bar's close to the quote that prices its decision (default: the account's; a new account: 1ms, as a session's).",
            CustomParser = r => DurationParser.Parse(r),
        };
        var staleness = new Option<TimeSpan?>("--staleness-bound")
        {
            Description = "Refuse a decision whose quote came later than this after its target (default: the account's; a new account: timeframe + 1m).",
            CustomParser = r => DurationParser.Parse(r),
        };
        var warmup = new Option<int?>("--warmup-bars") { Description = "Bars read before --from to warm the indicators up (default: what the config needs)." };
        var lookahead = new Option<int>("--lookahead-check")
        {
            Description = "Rerun on data cut at up to N signals and flag any signal that changes (look-ahead; default 0: off).",
            DefaultValueFactory = _ => 0,
        };
        var command = new Command("backtest", "Run a strategy over history through the paper engine, in memory, and store the run. " +
            "Exit 0 done (1 when the look-ahead check flags a signal); 2 bad arguments or data; 5 unknown account.")
        {
            file, from, to, data, format, symbol, account, latency, staleness, warmup, lookahead,
        };
        settings.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var json = parse.GetValue(CommonOptions.Json);
            var loaded = StrategyCommand.Load(parse.GetValue(file)!, "backtest", quietJson: true, out var config);
            if (loaded != ExitCodes.Success)
            {
                return Task.FromResult(loaded);
            }

            if (Time(parse.GetValue(from)!) is not { } start || Time(parse.GetValue(to)!) is not { } end || start >= end)
            {
                return Task.FromResult(CliOutput.Error("backtest", "--from and --to must be times (ISO 8601, e.g. 2026-01-01T00:00:00Z), --from before --to.", ExitCodes.BadArguments));
            }

            var name = parse.GetValue(account);
            if (name is not null && settings.AnyGiven(parse))
            {
                return Task.FromResult(CliOutput.Error("backtest", "give --account or account settings, not both.", ExitCodes.BadArguments));
            }

            var dataFile = parse.GetValue(data);
            if (dataFile is { Exists: false })
            {
                return Task.FromResult(CliOutput.Error("backtest", $"no file {dataFile.FullName}.", ExitCodes.BadArguments));
            }

            var kline = parse.GetValue(format) is { } f ? f == "kline" : dataFile?.Name.Contains("kline", StringComparison.OrdinalIgnoreCase) == true;
            var klineSymbol = parse.GetValue(symbol) ?? (config!.Symbols.Count == 1 ? config.Symbols[0] : null);
            return new CliDatabase(configuration, loggers).RunAsync(parse, "backtest", async database =>
            {
                var source = database.DataSource;
                (Engine.Execution.AccountConfig Config, TimeSpan Latency, System.Text.Json.Nodes.JsonObject Json)? simulated;
                try
                {
                    simulated = name is null
                        ? await BacktestAccount.ScratchAsync(source, settings.Parameters(parse), cancellationToken)
                        : await BacktestAccount.ExistingAsync(source, name, cancellationToken);
                }
                catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.InsufficientPrivilege)
                {
                    // A new account's defaults are read from a row inserted and rolled back, which an agent may not insert.
                    return CliOutput.Error("backtest", $"this login cannot read a new account's defaults ({e.MessageText}): " +
                        "pass --account NAME to simulate the settings of an account it may read.", ExitCodes.BadArguments);
                }

                if (simulated is not { } sim)
                {
                    return CliOutput.Error("backtest", $"unknown account {name}.", ExitCodes.NotFound);
                }

                var (instruments, missing) = await BacktestAccount.InstrumentsAsync(source, config!.Symbols, cancellationToken);
                if (missing.Count > 0)
                {
                    return CliOutput.Error("backtest", $"no instrument rules for {string.Join(", ", missing)}: add them, e.g. " +
                        $"INSERT INTO instruments (symbol, tick_size, lot_size, min_notional) VALUES ('{missing[0]}', 0.01, 0.00001, 10).", ExitCodes.BadArguments);
                }

                var accountConfig = sim.Config with
                {
                    StalenessBound = parse.GetValue(staleness) ?? (name is null ? config.Timeframe + TimeSpan.FromMinutes(1) : sim.Config.StalenessBound),
                };
                var delay = parse.GetValue(latency) ?? (name is null ? TimeSpan.FromMilliseconds(1) : sim.Latency);
                sim.Json["latency"] = delay.ToString("c", CultureInfo.InvariantCulture);
                sim.Json["staleness_bound"] = accountConfig.StalenessBound.ToString("c", CultureInfo.InvariantCulture);
                var backtest = new BacktestSettings(accountConfig, instruments, delay, start)
                {
                    RiskLimits = name is null ? [] : await BacktestAccount.LimitsAsync(source, name, cancellationToken),
                };
                var input = dataFile is null
                    ? BacktestInput.Stored(source, config.Symbols)
                    : BacktestInput.File(dataFile.FullName, kline ? QuoteFileFormat.Kline : QuoteFileFormat.Quotes, kline ? klineSymbol : null);
                var job = new BacktestJob(config, backtest, input, start - (config.Timeframe * (parse.GetValue(warmup) ?? config.WarmUpBars)), end,
                    sim.Json.ToJsonString());

                var recording = new BacktestRecording();
                var clock = Stopwatch.StartNew();
                BacktestSummary summary;
                LookAheadReport? report = null;
                TimeSpan duration;
                try
                {
                    summary = await BacktestProgress.RunAsync($"backtest {config.Name}", enabled: true, progress => Task.Run(
                        () => job.Run(recording, progress, cancellationToken), cancellationToken));
                    duration = clock.Elapsed;
                    if (parse.GetValue(lookahead) is > 0 and var samples)
                    {
                        report = await Task.Run(() => LookAheadCheck.Run(
                            backtest, _ => StrategyEvaluator.Create(config), cut => input.Read(job.WarmupFrom, cut ?? end), samples, cancellationToken), cancellationToken);
                    }
                }
                catch (Exception e) when (e is BacktestDataException or QuoteFileException)
                {
                    return CliOutput.Error("backtest", e.Message, ExitCodes.BadArguments);
                }

                var (id, run) = await job.StoreAsync(source, summary, recording, duration, report, cancellationToken);
                var metrics = await PerformanceQuery.MetricsAsync(source, PerformanceSource.Backtest(id, config.Name), null, null, cancellationToken);
                Print(json, id, run, metrics);
                return report is { Clean: false } ? ExitCodes.Failure : ExitCodes.Success;
            }, cancellationToken);
        });
        return command;
    }

    private static void Print(bool json, long id, BacktestRun run, PerformanceMetrics metrics)
    {
        var s = run.Summary;
        var seconds = Math.Max(run.Duration.TotalSeconds, 1e-6);
        var figures = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["run_id"] = id,
            ["strategy"] = run.Name,
            ["data"] = run.DataPath ?? run.DataSource,
            ["from"] = run.From,
            ["to"] = run.To,
            ["events"] = s.Events,
            ["events_per_second"] = Math.Round(s.Events / seconds),
            ["duration_s"] = Math.Round(run.Duration.TotalSeconds, 3),
            ["bars"] = s.Bars,
            ["warm_up_bars"] = s.WarmUpBars,
            ["lead_in_bars"] = s.LeadInBars,
            ["signals"] = s.Signals,
            ["decisions"] = s.Decisions,
            ["fills"] = s.Fills,
            ["trades"] = s.Trades,
            ["win_rate"] = metrics.WinRate,
            ["profit_factor"] = metrics.ProfitFactor,
            ["max_drawdown_pct"] = metrics.MaxDrawdownPct,
            ["sharpe"] = metrics.SharpeRatio,
            ["fees"] = s.TotalFees,
            ["net_pnl"] = s.NetPnl,
            ["final_equity"] = s.FinalEquity,
            ["open_positions"] = s.OpenPositions,
            ["halted"] = s.HaltReason,
            ["lookahead_checked"] = run.LookAhead?.Checked,
            ["lookahead_flagged"] = run.LookAhead?.Flagged.Select(f => new { signal = f.SignalKey, full_data = f.OnFullData, cut_data = f.OnCutData }).ToList(),
        };
        if (json)
        {
            CliOutput.Json(figures);
            return;
        }

        figures.Remove("lookahead_flagged");
        var table = new Table().Title($"Backtest run {id}: {CliOutput.Escape(run.Name)}").AddColumns("figure", "value");
        foreach (var (figure, value) in figures)
        {
            table.AddRow(CliOutput.Escape(figure), CliOutput.Escape(CliOutput.Format(value)));
        }

        CliOutput.Console.Write(table);
        foreach (var finding in run.LookAhead?.Flagged ?? [])
        {
            CliOutput.Console.MarkupLine($"[red]look-ahead[/] {CliOutput.Escape(finding.SignalKey)}: on all data \"{CliOutput.Escape(finding.OnFullData)}\", " +
                $"on data cut at the bar close {CliOutput.Escape(finding.OnCutData ?? "no signal")}");
        }

        CliOutput.Console.MarkupLine($"stored as backtest run [bold]{id}[/]; `trading report --backtest {id}` renders it.");
    }

    private static DateTimeOffset? Time(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;
}
