using System.Text.Json;

namespace Trading.Orchestrator.Tests.Deployment;

/// <summary>The provisioned Grafana dashboard and the SQL it sends to the trading database.</summary>
internal static class DashboardFile
{
    public const string RelativePath = "infrastructure/docker/grafana/dashboards/paper-trading.json";

    public static JsonDocument Parse() => JsonDocument.Parse(RepositoryFiles.ReadAllText(RelativePath));

    public static IEnumerable<JsonElement> Panels(JsonDocument dashboard) =>
        dashboard.RootElement.GetProperty("panels").EnumerateArray();

    /// <summary>Every query, named by its panel title (and refId) or variable name; the names are unique.</summary>
    public static IReadOnlyList<DashboardQuery> Queries()
    {
        using var dashboard = Parse();
        var queries = new List<DashboardQuery>();
        foreach (var panel in Panels(dashboard))
        {
            var title = panel.GetProperty("title").GetString()!;
            foreach (var target in panel.GetProperty("targets").EnumerateArray())
            {
                queries.Add(new DashboardQuery(
                    $"{title} [{target.GetProperty("refId").GetString()}]",
                    target.GetProperty("format").GetString()!,
                    target.GetProperty("rawSql").GetString()!));
            }
        }

        foreach (var variable in dashboard.RootElement.GetProperty("templating").GetProperty("list").EnumerateArray())
        {
            if (variable.GetProperty("type").GetString() == "query")
            {
                queries.Add(new DashboardQuery($"${variable.GetProperty("name").GetString()}", "table", variable.GetProperty("query").GetString()!));
            }
        }

        return queries;
    }
}
