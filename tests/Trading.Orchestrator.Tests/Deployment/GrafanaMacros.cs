using System.Text.RegularExpressions;

namespace Trading.Orchestrator.Tests.Deployment;

/// <summary>
/// The Grafana PostgreSQL macros and variables the dashboard uses, expanded the way Grafana would for a 7-day range and the
/// default account, so that the query can run on a plain PostgreSQL test database. Anything else left with a `$` is an
/// error: a new macro must be added here (and so be tested) before a panel may use it.
/// </summary>
internal static partial class GrafanaMacros
{
    public const string Account = "default";
    private const string From = "(now() - interval '7 days')";
    private const string To = "now()";

    public static string Expand(string sql)
    {
        // $__timeGroupAlias(col, $__interval): Grafana emits time_bucket(...) AS "time" with timescaledb on, floor(epoch) without;
        // the plain form runs everywhere. A one-minute bucket stands in for $__interval.
        var expanded = TimeGroupAlias().Replace(sql, m => $"to_timestamp(floor(extract(epoch from {m.Groups["column"].Value}) / 60) * 60) AS \"time\"");
        expanded = TimeFilter().Replace(expanded, m => $"{m.Groups["column"].Value} BETWEEN {From} AND {To}");
        expanded = expanded
            .Replace("$__timeFrom()", From, StringComparison.Ordinal)
            .Replace("$__timeTo()", To, StringComparison.Ordinal)
            .Replace("${account:sqlstring}", $"'{Account}'", StringComparison.Ordinal);
        if (expanded.Contains('$', StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Unexpanded Grafana macro or variable in:\n{expanded}");
        }

        return expanded;
    }

    // Macro arguments without parentheses: Grafana's macro parser does not balance nested ones, so the dashboard must not rely on it.
    [GeneratedRegex(@"\$__timeGroupAlias\((?<column>[^(),]+),\s*\$__interval\)")]
    private static partial Regex TimeGroupAlias();

    [GeneratedRegex(@"\$__timeFilter\((?<column>[^()]+)\)")]
    private static partial Regex TimeFilter();
}
