using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Trading.Orchestrator.Reports;

namespace Trading.Orchestrator.Cli;

/// <summary>`trading gates --account A`: the promotion gates, each PASS/FAIL with figure and threshold; exit 0 only if all pass.</summary>
public static class GatesCommand
{
    public static Command Create(IConfiguration configuration, ILoggerFactory loggers)
    {
        var defaults = new GateThresholds();
        var account = CliOptions.Account("Required: the account to judge.");
        var window = new WindowOptions();
        var minDays = new Option<decimal>("--min-days") { Description = "Days covered by snapshots, at least.", DefaultValueFactory = _ => defaults.MinDays };
        var minTrades = new Option<long>("--min-trades") { Description = "Closed trades, at least.", DefaultValueFactory = _ => defaults.MinTrades };
        var minWinRate = new Option<decimal>("--min-win-rate") { Description = "Win rate in percent, above.", DefaultValueFactory = _ => defaults.MinWinRate };
        var minProfitFactor = new Option<decimal>("--min-profit-factor") { Description = "Profit factor, above.", DefaultValueFactory = _ => defaults.MinProfitFactor };
        var minSharpe = new Option<decimal>("--min-sharpe") { Description = "Sharpe ratio, above.", DefaultValueFactory = _ => defaults.MinSharpe };
        var maxDrawdown = new Option<decimal>("--max-drawdown") { Description = "How deep the drawdown may fall, in percent (10: the figure, which is negative, must stay above -10).", DefaultValueFactory = _ => defaults.MaxDrawdownPct };
        var command = new Command("gates", "Promotion gates (defaults from the seed: 60 days, 20 trades, win rate > 50 %, profit factor > 1.0, " +
            "Sharpe > 1.0, drawdown < 10 %). Exit 0 when all pass, 6 when any fails, 5 for an unknown account.");
        command.Options.Add(account);
        window.AddTo(command);
        foreach (var option in new Option[] { minDays, minTrades, minWinRate, minProfitFactor, minSharpe, maxDrawdown })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) =>
        {
            var name = parse.GetValue(account);
            var (from, to, problem) = window.Read(parse);
            if (name is null || problem is not null)
            {
                return Task.FromResult(CliOutput.Error("gates", problem ?? "--account is required.", ExitCodes.BadArguments));
            }

            var thresholds = new GateThresholds(parse.GetValue(minDays), parse.GetValue(minTrades), parse.GetValue(minWinRate),
                parse.GetValue(minProfitFactor), parse.GetValue(minSharpe), parse.GetValue(maxDrawdown));
            return new CliDatabase(configuration, loggers).RunAsync(parse, "gates", async database =>
            {
                if (!await CliDatabase.AccountExistsAsync(database, "gates", name, cancellationToken))
                {
                    return ExitCodes.NotFound;
                }

                var metrics = await PerformanceQuery.MetricsAsync(database.DataSource, name, from, to, cancellationToken);
                var gates = PromotionGates.Evaluate(metrics, thresholds);
                var passed = gates.All(g => g.Passed);
                if (parse.GetValue(CommonOptions.Json))
                {
                    CliOutput.Json(new { account = name, passed, gates });
                }
                else
                {
                    Print(name, gates, passed);
                }

                return passed ? ExitCodes.Success : ExitCodes.GatesFailed;
            }, cancellationToken);
        });
        return command;
    }

    internal static void Print(string account, IReadOnlyList<GateResult> gates, bool passed)
    {
        var table = new Table { Title = new TableTitle($"Promotion gates: {CliOutput.Escape(account)}"), Border = TableBorder.Rounded };
        table.AddColumn("gate");
        table.AddColumn(new TableColumn("figure").RightAligned());
        table.AddColumn("rule");
        table.AddColumn(new TableColumn("threshold").RightAligned());
        table.AddColumn("result");
        foreach (var gate in gates)
        {
            table.AddRow(
                new Text(gate.Gate), new Text(CliOutput.Format(gate.Figure)), new Text(gate.Rule),
                new Text(CliOutput.Format(gate.Threshold)),
                new Markup(gate.Passed ? "[green]PASS[/]" : "[red]FAIL[/]"));
        }

        CliOutput.Console.Write(table);
        CliOutput.Console.MarkupLine(passed ? "[green]all gates pass[/]" : $"[red]{gates.Count(g => !g.Passed)} of {gates.Count} gates fail[/]");
    }
}
