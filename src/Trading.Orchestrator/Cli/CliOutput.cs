using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace Trading.Orchestrator.Cli;

/// <summary>How commands print: Spectre.Console tables for people, JSON for scripts. Errors go to stderr.</summary>
public static class CliOutput
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static readonly Lazy<IAnsiConsole> Terminal = new(() =>
    {
        var redirected = System.Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(System.Console.Out),
            // Piped or captured: plain text, no escape codes for a file or a grep to trip on.
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        });
        if (redirected)
        {
            // No terminal width to honour: do not wrap wide tables into unreadable columns.
            console.Profile.Width = 240;
        }

        return console;
    });

    public static IAnsiConsole Console => Terminal.Value;

    /// <summary>
    /// With --json, stdout carries the JSON document alone: Spectre's shared console (progress bars, spinners, the
    /// tables some commands print beside their results) is pointed at stderr, where a person still sees it.
    /// </summary>
    public static void KeepStdoutForJson() =>
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(System.Console.Error),
            Ansi = System.Console.IsErrorRedirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = System.Console.IsErrorRedirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        });

    public static void Json(object value) => System.Console.Out.WriteLine(JsonSerializer.Serialize(value, JsonOptions));

    public static int Error(string command, string message, int exitCode)
    {
        System.Console.Error.WriteLine($"{command}: {TerminalText.Clean(message)}");
        return exitCode;
    }

    /// <summary>Text from outside (names, reasons, errors) made safe for the terminal and for Spectre markup.</summary>
    public static string Escape(string? text) => Markup.Escape(TerminalText.Clean(text));

    /// <summary>A table of rows; an empty result prints the title and "(none)" so the operator knows it ran.</summary>
    public static void Table(string title, IReadOnlyList<Dictionary<string, object?>> rows, IReadOnlyList<string>? columns = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            Console.MarkupLine($"[bold]{Escape(title)}[/]: (none)");
            return;
        }

        var names = columns ?? rows[0].Keys.ToList();
        var table = new Table { Title = new TableTitle(Escape(title)), Border = TableBorder.Rounded };
        foreach (var name in names)
        {
            var column = new TableColumn(Escape(name));
            if (rows.Any(r => r.GetValueOrDefault(name) is decimal or long or int or short))
            {
                column.RightAligned();
            }

            table.AddColumn(column);
        }

        foreach (var row in rows)
        {
            table.AddRow(names.Select(n => (Spectre.Console.Rendering.IRenderable)new Text(Format(row.GetValueOrDefault(n)))).ToArray());
        }

        Console.Write(table);
    }

    public static string Format(object? value) => value switch
    {
        null => "-",
        decimal d => CliRows.Trim(d).ToString(CultureInfo.InvariantCulture),
        DateTime t => t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        TimeSpan s => Duration(s),
        bool b => b ? "yes" : "no",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => TerminalText.Clean(value.ToString()),
    };

    public static string Duration(TimeSpan span) =>
        span.Days != 0
            ? string.Create(CultureInfo.InvariantCulture, $"{span.Days}d {span:hh\\:mm\\:ss}")
            : span.ToString("hh\\:mm\\:ss", CultureInfo.InvariantCulture);
}
