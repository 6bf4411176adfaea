using System.CommandLine.Parsing;
using System.Globalization;

namespace Trading.Orchestrator.Cli;

/// <summary>
/// `--expires`: a time (2026-11-01T08:00Z; UTC unless an offset is given), or a duration (10m, 2h) counted from the
/// moment the database stamps the decision, so the client's clock plays no part.
/// </summary>
public sealed record Expiry(DateTimeOffset? At, TimeSpan? After)
{
    public static Expiry? Parse(ArgumentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (DurationParser.TryParse(text, out var after) && after > TimeSpan.Zero)
        {
            return new Expiry(null, after);
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            // Npgsql writes timestamptz from UTC offsets only; the instant is the same.
            return new Expiry(at.ToUniversalTime(), null);
        }

        result.AddError($"'{text}' is neither a time (2026-11-01T08:00Z) nor a positive duration (30s, 10m, 2h).");
        return null;
    }
}
