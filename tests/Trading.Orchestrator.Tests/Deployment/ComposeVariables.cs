using System.Text.RegularExpressions;

namespace Trading.Orchestrator.Tests.Deployment;

/// <summary>Compose's `${NAME:-default}` interpolation, resolved to the defaults: what `docker compose up` uses with no .env file.</summary>
internal static partial class ComposeVariables
{
    /// <summary>The value with every `${NAME:-default}` replaced by its default; a variable without a default stays unresolved.</summary>
    public static string WithDefaults(string value) =>
        DefaultedVariable().Replace(value, m => m.Groups["default"].Value);

    public static bool HasUnresolvedVariable(string value) => WithDefaults(value).Contains('$', StringComparison.Ordinal);

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*):?-(?<default>[^}]*)\}")]
    private static partial Regex DefaultedVariable();
}
