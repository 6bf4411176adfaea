using System.Globalization;
using System.Text;

namespace Trading.Orchestrator.Cli;

/// <summary>
/// Makes text written by others (an agent's name or reasoning, a symbol, a database error quoting them) safe to print on
/// an operator's terminal: control characters (C0, DEL, C1: escape sequences that retitle or clear the terminal, line
/// breaks that forge log lines) and the bidirectional controls that reorder what is shown (Trojan-Source style) are
/// printed as visible escapes such as <c>\x1B</c> or <c>\u202E</c>. Everything else, other scripts and emoji included,
/// passes unchanged.
/// </summary>
public static class TerminalText
{
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        if (!text.Any(Unsafe))
        {
            return text;
        }

        var clean = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (!Unsafe(c))
            {
                clean.Append(c);
            }
            else if (c <= '\u00FF')
            {
                clean.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                clean.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
        }

        return clean.ToString();
    }

    private static bool Unsafe(char c) =>
        char.IsControl(c)
        || c is '\u061C' or '\u200E' or '\u200F'
        || c is >= '\u202A' and <= '\u202E'
        || c is >= '\u2066' and <= '\u2069';
}
