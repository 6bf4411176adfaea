using Spectre.Console;
using Spectre.Console.Rendering;
using Trading.Orchestrator.Demo;

namespace Trading.Orchestrator.Tests.Demo;

/// <summary>The demo dashboard fits the terminal: at 80×24 the headline and the reasons for losing are on screen, first.</summary>
public sealed class DemoDashboardTests
{
    private static readonly DemoSnapshot Busy = new(
        96_693.5808025466m, 114_482.9306825466m, -3_306.4191974534m, -3_247.7647935334m, -40.90596m,
        [.. Enumerable.Range(0, 3).Select(i => ($"SYM{i}/USDT", "short", 118.568m, 149.69m, (decimal?)150.035m, (decimal?)-40.90596m))],
        [.. Enumerable.Range(0, 8).Select(i => (DateTimeOffset.UnixEpoch.AddSeconds(i), "SOL/USDT", "sell", 1.5m, 150.01m, 0.2250151m))],
        new Dictionary<string, long> { ["executed"] = 65, ["skipped"] = 65, ["rejected"] = 3 },
        5.9m, 26.5m, 23)
    {
        Strategy = "strategy demo_rsi_reversion (session 1, account demo-strategy): 60 bars, 2 decisions, 1 trades, 0 open, P&L 1.01",
        Costs = new DemoCosts(0.001m, "seed", 0.0005m, 1_241.9176126534m, -2_023.6m, 1_224.17m, 27),
        Prices = [("BTC/USDT", 65_018.66m, 65_031.66m, 0.12m), ("ETH/USDT", 3_200m, 3_201m, -0.3m), ("SOL/USDT", 150m, 150.07m, null)],
        Reasons = [("skipped", "confidence 0.40 below threshold 0.60", 39), ("skipped", "HOLD: nothing to do", 21), ("rejected", "insufficient buying power", 3)],
    };

    [Fact]
    public void Render_80x24_FitsAndStartsWithTheHeadlineAndWhyItLoses()
    {
        var lines = Draw(DemoDashboard.Render("demo", Busy, 80, 24), 80);

        Assert.True(lines.Count <= 24, string.Join('\n', lines));
        Assert.Contains("equity 96,693.58", lines[0], StringComparison.Ordinal);
        Assert.Contains("P&L -3,306.42", lines[0], StringComparison.Ordinal);
        var text = string.Join('\n', lines);
        Assert.Contains("fees paid 1,241.92", text, StringComparison.Ordinal);
        Assert.Contains("Why the random agent loses", text, StringComparison.Ordinal);
        Assert.Contains("BTC/USDT", text, StringComparison.Ordinal);
        Assert.Contains("39× skipped", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_160x50_ShowsEveryPanel()
    {
        var text = string.Join('\n', Draw(DemoDashboard.Render("demo", Busy, 160, 50), 160));

        foreach (var panel in new[] { "open positions", "recent fills", "strategy demo_rsi_reversion", "Ctrl+C stops", "3× rejected" })
        {
            Assert.Contains(panel, text, StringComparison.Ordinal);
        }
    }

    private static List<string> Draw(IRenderable renderable, int width)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = width;
        console.Write(renderable);
        return [.. writer.ToString().TrimEnd('\n', '\r').Split('\n').Select(l => l.TrimEnd('\r'))];
    }
}
