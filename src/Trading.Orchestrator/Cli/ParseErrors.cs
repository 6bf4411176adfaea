using System.CommandLine;
using System.Text.RegularExpressions;

namespace Trading.Orchestrator.Cli;

/// <summary>
/// The parser's complaints said for a person: no .NET type names, and one reason per mistake. An unknown command also
/// trips "Required command was not provided" on its parent; the unknown word is the news, so only that one is said.
/// </summary>
public static partial class ParseErrors
{
    private const string NoCommand = "Required command was not provided.";

    public static IReadOnlyList<string> Messages(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var messages = parse.Errors.Select(e => Rephrase(e.Message)).Distinct(StringComparer.Ordinal).ToList();
        if (messages.Count > 1 && messages.Any(m => m.StartsWith("Unrecognized command or argument", StringComparison.Ordinal)))
        {
            messages.Remove(NoCommand);
        }

        return messages;
    }

    public static string Rephrase(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var match = CannotParse().Match(message);
        if (!match.Success)
        {
            return message;
        }

        var (value, kind, name, type) = (match.Groups["value"].Value, match.Groups["kind"].Value, match.Groups["name"].Value, match.Groups["type"].Value);
        var subject = kind == "option" ? name : $"the argument of `{name}`";
        return $"{subject} needs {Describe(type)}, got '{value}'.";
    }

    private static string Describe(string type)
    {
        var inner = NullableOf().Match(type) is { Success: true } nullable ? nullable.Groups["inner"].Value : type;
        return inner switch
        {
            "System.Decimal" or "System.Double" => "a number (like 0.75 or 1500)",
            "System.Int32" or "System.Int64" => "a whole number",
            "System.Boolean" => "true or false",
            "System.TimeSpan" => "a duration (like 500ms, 10s, 2m)",
            "System.DateTime" or "System.DateTimeOffset" => "a time (like 2026-01-31T12:00:00Z)",
            _ => "a value of another form",
        };
    }

    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for (?<kind>option|command|argument) '(?<name>[^']*)' as expected type '(?<type>[^']*)'\.?$", RegexOptions.Singleline)]
    private static partial Regex CannotParse();

    [GeneratedRegex(@"^System\.Nullable`1\[(?<inner>[^\]]+)\]$")]
    private static partial Regex NullableOf();
}
