using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Trading.Orchestrator.Demo;

/// <summary>Renders a <see cref="DemoSnapshot"/>: a live terminal dashboard, or one plain line when headless.</summary>
public static class DemoDashboard
{
    public static IRenderable Render(string account, DemoSnapshot s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var money = new Table().Border(TableBorder.Rounded).Title($"[bold]{account}[/]").AddColumns("equity", "cash", "total P&L", "realised", "unrealised");
        money.AddRow(Money(s.Equity), Money(s.Cash), Signed(s.TotalPnl), Signed(s.RealizedPnl), Signed(s.UnrealizedPnl));

        var positions = new Table().Border(TableBorder.Rounded).Title("open positions").AddColumns("symbol", "side", "quantity", "entry", "mark", "P&L");
        foreach (var p in s.Positions)
        {
            positions.AddRow(p.Symbol, p.Side, Quantity(p.Quantity), Money(p.Entry), p.Mark is { } m ? Money(m) : "-", p.Pnl is { } pnl ? Signed(pnl) : "-");
        }

        var fills = new Table().Border(TableBorder.Rounded).Title("recent fills").AddColumns("time", "symbol", "side", "quantity", "price", "fee");
        foreach (var f in s.Fills)
        {
            fills.AddRow(f.Time.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture), f.Symbol, f.Side, Quantity(f.Quantity), Money(f.Price), Money(f.Fee));
        }

        var funnel = new Table().Border(TableBorder.Rounded).Title("decisions").AddColumns("status", "count");
        foreach (var status in new[] { "pending", "executed", "skipped", "rejected", "failed" })
        {
            funnel.AddRow(status, s.Decisions.GetValueOrDefault(status).ToString(CultureInfo.InvariantCulture));
        }

        funnel.AddRow("latency p50 / p99", $"{s.LatencyP50Ms?.ToString(CultureInfo.InvariantCulture) ?? "-"} / {s.LatencyP99Ms?.ToString(CultureInfo.InvariantCulture) ?? "-"} ms");
        funnel.AddRow("snapshots", s.Snapshots.ToString(CultureInfo.InvariantCulture));
        var strategy = new Markup(s.Strategy is { } line ? $"[bold]{Markup.Escape(line)}[/]" : "[grey]no strategy session[/]");
        return new Rows(money, strategy, new Columns(positions, funnel), fills, new Markup("[grey]Ctrl+C stops the demo cleanly; `trading demo` again resumes this account (--fresh starts over).[/]"));
    }

    public static string Line(DemoSnapshot s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"equity {Money(s.Equity)} cash {Money(s.Cash)} pnl {(s.TotalPnl > 0 ? "+" : string.Empty)}{Money(s.TotalPnl)} positions {s.Positions.Count} " +
            $"executed {s.Decisions.GetValueOrDefault("executed")} skipped {s.Decisions.GetValueOrDefault("skipped")} " +
            $"rejected {s.Decisions.GetValueOrDefault("rejected")} pending {s.Decisions.GetValueOrDefault("pending")} " +
            $"latency p50 {s.LatencyP50Ms?.ToString(CultureInfo.InvariantCulture) ?? "-"} ms snapshots {s.Snapshots}");
        return s.Strategy is { } strategy ? $"{line} | {strategy}" : line;
    }

    private static string Money(decimal value) => value.ToString("N2", CultureInfo.InvariantCulture);

    private static string Quantity(decimal value) => value.ToString("0.########", CultureInfo.InvariantCulture);

    private static string Signed(decimal value) => value switch
    {
        > 0 => $"[green]+{Money(value)}[/]",
        < 0 => $"[red]{Money(value)}[/]",
        _ => Money(value),
    };
}
