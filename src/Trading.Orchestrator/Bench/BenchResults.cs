using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Trading.Orchestrator.Cli;

namespace Trading.Orchestrator.Bench;

/// <summary>Where a benchmark's figures go: an indented JSON file (--out), so runs can be compared between commits.</summary>
public static class BenchResults
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Option<string> Output(string defaultFile) =>
        new("--out") { Description = "JSON results file.", DefaultValueFactory = _ => defaultFile };

    /// <summary>Writes the results to the --out file and returns the JSON text.</summary>
    public static async Task<string> SaveAsync(ParseResult parse, Option<string> output, object results, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var json = JsonSerializer.Serialize(results, results.GetType(), Indented);
        await File.WriteAllTextAsync(parse.GetValue(output)!, json, cancellationToken);
        return json;
    }

    /// <summary>
    /// Saves the results (--out) and shows them: the JSON with --json, else a measure/value table and where the file went.
    /// </summary>
    public static Task ReportAsync(
        ParseResult parse, Option<string> output, object results, IEnumerable<(string Measure, string Value)> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return ReportAsync(parse, output, results, ["measure", "value"], rows.Select(r => new[] { r.Measure, r.Value }), cancellationToken);
    }

    /// <summary>As the measure/value form, with as many columns as <paramref name="columns"/> (figures side by side).</summary>
    public static async Task ReportAsync(
        ParseResult parse, Option<string> output, object results, string[] columns, IEnumerable<string[]> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var json = await SaveAsync(parse, output, results, cancellationToken);
        if (parse.GetValue(CommonOptions.Json))
        {
            Console.WriteLine(json);
            return;
        }

        var table = new Table().AddColumns(columns);
        foreach (var row in rows)
        {
            table.AddRow(row);
        }

        AnsiConsole.Write(table);
        Console.WriteLine($"Results written to {parse.GetValue(output)}");
    }
}
