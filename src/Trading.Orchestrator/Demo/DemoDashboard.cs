using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using Trading.Orchestrator.Cli;

namespace Trading.Orchestrator.Demo;

/// <summary>
/// Renders a <see cref="DemoSnapshot"/>: a live terminal dashboard, or one plain line when headless. The dashboard is
/// built to the terminal's size: the headline (equity, cash, P&amp;L, fees, positions) and why the random agent loses
/// always show, first; then the prices, the decisions and why some were refused, the positions, the fills, as many as
/// fit, so a small terminal (80×24) drops the least important panels instead of scrolling the headline away.
/// </summary>
public static class DemoDashboard
{
    private static readonly string[] Statuses = ["executed", "placed", "skipped", "rejected", "failed", "pending"];

    /// <summary>The terminal's size, as Spectre sees it.</summary>
    public static IRenderable Render(string account, DemoSnapshot s) =>
        Render(account, s, AnsiConsole.Profile.Width, AnsiConsole.Profile.Height);

    public static IRenderable Render(string account, DemoSnapshot s, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(s);
        width = Math.Max(width, 40);
        var budget = Math.Max(height, 10) - 1;
        var sections = new List<(int Order, IRenderable Panel)>();
        bool Fit(int order, IRenderable panel, int lines)
        {
            if (lines > budget)
            {
                return false;
            }

            budget -= lines;
            sections.Add((order, panel));
            return true;
        }

        // In the order of importance; shown in reading order (the first number of each).
        var headline = Headline(account, s);
        Fit(0, Lines(headline), Height(headline, width));
        var costs = Costs(s);
        Fit(1, Lines(costs), Height(costs, width));
        const string footer = "[grey]Ctrl+C stops; `trading demo` again resumes this account (--fresh starts over).[/]";
        Fit(9, new Markup(footer), Height([footer], width));
        var prices = Prices(s);
        Fit(2, Lines(prices), Height(prices, width));
        var decisions = Decisions(s);
        Fit(3, Lines(decisions), Height(decisions, width));
        var reasons = Reasons(s, Math.Min(3, Math.Max(0, budget - 1)));
        Fit(4, Lines(reasons), Height(reasons, width));
        if (s.Strategy is { } line)
        {
            var strategy = $"[bold]{Markup.Escape(line)}[/]";
            Fit(8, new Markup(strategy), Height([strategy], width));
        }

        // Tables: a title, a border above and below, a header and its rule, then a line a row.
        var positionRows = Math.Min(s.Positions.Count, Math.Max(0, budget - 5));
        if (positionRows > 0)
        {
            Fit(5, PositionsTable(s, positionRows), positionRows + 5);
        }

        var fillRows = Math.Min(s.Fills.Count, Math.Max(0, budget - 5));
        if (fillRows > 0)
        {
            Fit(6, FillsTable(s, fillRows), fillRows + 5);
        }

        return new Rows(sections.OrderBy(p => p.Order).Select(p => p.Panel));
    }

    public static string Line(DemoSnapshot s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"equity {DisplayNumber.Money(s.Equity)} cash {DisplayNumber.Money(s.Cash)} pnl {DisplayNumber.SignedMoney(s.TotalPnl)} positions {s.Positions.Count} " +
            $"executed {s.Decisions.GetValueOrDefault("executed")} skipped {s.Decisions.GetValueOrDefault("skipped")} " +
            $"rejected {s.Decisions.GetValueOrDefault("rejected")} pending {s.Decisions.GetValueOrDefault("pending")} " +
            $"latency p50 {s.LatencyP50Ms?.ToString(CultureInfo.InvariantCulture) ?? "-"} ms snapshots {s.Snapshots}");
        return s.Strategy is { } strategy ? $"{line} | {strategy}" : line;
    }

    /// <summary>Equity, cash and P&amp;L with its parts, in two lines.</summary>
    public static IReadOnlyList<string> Headline(string account, DemoSnapshot s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return
        [
            $"[bold]{Markup.Escape(account)}[/]  equity [bold]{DisplayNumber.Money(s.Equity)}[/]  cash {DisplayNumber.Money(s.Cash)}  P&L {Signed(s.TotalPnl)}",
            $"realised {Signed(s.RealizedPnl)}  unrealised {Signed(s.UnrealizedPnl)}  fees paid {DisplayNumber.Money(s.Costs.FeesPaid)}  " +
            $"positions {s.Positions.Count}  trades {s.Costs.Trades}",
        ];
    }

    /// <summary>Why the random agent loses: what each round trip costs it, and what its closed trades lost to it.</summary>
    public static IReadOnlyList<string> Costs(DemoSnapshot s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var c = s.Costs;
        var spread = s.Prices.Count == 0 ? 0m : s.Prices.Average(p => (p.Ask - p.Bid) / ((p.Ask + p.Bid) / 2) * 100);
        var slippage = c.SlippageModel == "none" ? 0m : c.SlippageRate * 100;
        var roundTrip = spread + (2 * c.FeeRate * 100) + (2 * slippage);
        return
        [
            $"[grey]Why the random agent loses: it has no edge, and each round trip pays the spread ({DisplayNumber.Percent(spread)}), " +
            $"fees ({DisplayNumber.Percent(c.FeeRate * 100)} a side) and slippage (up to {DisplayNumber.Percent(slippage)} a side): " +
            $"about {DisplayNumber.Percent(roundTrip)} of what it trades.[/]",
            $"[grey]Its {c.Trades} closed trades: gross {DisplayNumber.SignedMoney(c.GrossPnl)} (moves, spread, slippage), fees " +
            $"{DisplayNumber.SignedMoney(-c.TradeFees)}.[/]",
        ];
    }

    private static List<string> Prices(DemoSnapshot s) =>
        s.Prices.Count == 0
            ? ["[grey]prices: none yet[/]"]
            : s.Prices.Select(p =>
                $"{Markup.Escape(p.Symbol),-10} bid {DisplayNumber.Money(p.Bid),12}  ask {DisplayNumber.Money(p.Ask),12}  " +
                $"5 min {(p.ChangePct is { } change ? Colour(change, DisplayNumber.Percent(change)) : "-")}").ToList();

    private static IReadOnlyList<string> Decisions(DemoSnapshot s)
    {
        var counts = string.Join(" · ", Statuses
            .Where(status => status is "executed" or "skipped" or "rejected" or "pending" || s.Decisions.GetValueOrDefault(status) > 0)
            .Select(status => $"{s.Decisions.GetValueOrDefault(status)} {status}"));
        return [$"decisions: {counts} · latency p50 {s.LatencyP50Ms?.ToString(CultureInfo.InvariantCulture) ?? "-"} ms · {s.Snapshots} snapshots"];
    }

    private static List<string> Reasons(DemoSnapshot s, int count) =>
        s.Reasons.Take(count).Select(r => $"  [yellow]{r.Count}× {r.Status}[/]: {Markup.Escape(r.Example)}").ToList();

    private static Table PositionsTable(DemoSnapshot s, int rows)
    {
        var positions = new Table().Border(TableBorder.Rounded).Title("open positions").AddColumns("symbol", "side", "quantity", "entry", "mark", "P&L");
        foreach (var p in s.Positions.Take(rows))
        {
            positions.AddRow(Markup.Escape(p.Symbol), p.Side, DisplayNumber.Quantity(p.Quantity, null), DisplayNumber.Money(p.Entry),
                DisplayNumber.Money(p.Mark), p.Pnl is { } pnl ? Signed(pnl) : "-");
        }

        return positions;
    }

    private static Table FillsTable(DemoSnapshot s, int rows)
    {
        var fills = new Table().Border(TableBorder.Rounded).Title("recent fills").AddColumns("time", "symbol", "side", "quantity", "price", "fee");
        foreach (var f in s.Fills.Take(rows))
        {
            fills.AddRow(f.Time.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture), Markup.Escape(f.Symbol), f.Side,
                DisplayNumber.Quantity(f.Quantity, null), DisplayNumber.Money(f.Price), DisplayNumber.Money(f.Fee));
        }

        return fills;
    }

    private static Rows Lines(IEnumerable<string> lines) => new(lines.Select(l => new Markup(l)));

    /// <summary>Terminal lines the markup takes at this width (wrapped).</summary>
    private static int Height(IEnumerable<string> lines, int width) =>
        lines.Sum(l => Math.Max(1, (Markup.Remove(l).Length + width - 1) / width));

    private static string Signed(decimal value) => Colour(value, DisplayNumber.SignedMoney(value));

    private static string Colour(decimal sign, string text) => sign switch
    {
        > 0 => $"[green]{text}[/]",
        < 0 => $"[red]{text}[/]",
        _ => text,
    };
}
