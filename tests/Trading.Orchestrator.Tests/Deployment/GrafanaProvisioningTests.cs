using System.Text.Json;

namespace Trading.Orchestrator.Tests.Deployment;

/// <summary>The Grafana datasource, dashboard provider and dashboard JSON, checked as files (their SQL runs in DashboardQueryTests).</summary>
public sealed class GrafanaProvisioningTests
{
    private const string DatasourceUid = "trading-postgres";
    private const string DatasourceType = "grafana-postgresql-datasource";
    private static readonly string[] Formats = ["time_series", "table"];

    [Fact]
    public void Dashboard_Json_ParsesWithGrafanaSchema()
    {
        using var dashboard = DashboardFile.Parse();
        var root = dashboard.RootElement;

        Assert.Equal("paper-trading", root.GetProperty("uid").GetString());
        Assert.InRange(root.GetProperty("schemaVersion").GetInt32(), 36, 41);
        Assert.NotEmpty(root.GetProperty("title").GetString()!);
        Assert.Equal("now-7d", root.GetProperty("time").GetProperty("from").GetString());
    }

    [Fact]
    public void Panels_Every_HasTheTradingDatasourceAndRawSqlTargets()
    {
        using var dashboard = DashboardFile.Parse();
        var panels = DashboardFile.Panels(dashboard).ToList();
        Assert.NotEmpty(panels);

        foreach (var panel in panels)
        {
            var title = panel.GetProperty("title").GetString();
            AssertTradingDatasource(panel.GetProperty("datasource"), title);
            var targets = panel.GetProperty("targets").EnumerateArray().ToList();
            Assert.True(targets.Count > 0, $"{title}: no targets");
            foreach (var target in targets)
            {
                AssertTradingDatasource(target.GetProperty("datasource"), title);
                Assert.True(target.GetProperty("rawQuery").GetBoolean(), $"{title}: not a raw SQL query");
                Assert.False(string.IsNullOrWhiteSpace(target.GetProperty("rawSql").GetString()), $"{title}: empty rawSql");
                Assert.Contains(target.GetProperty("format").GetString(), Formats);
            }
        }
    }

    [Fact]
    public void Panels_Required_EquityDrawdownDailyPnlPositionsTradesFunnelAndMetrics()
    {
        using var dashboard = DashboardFile.Parse();
        var panels = DashboardFile.Panels(dashboard)
            .Select(p => (Type: p.GetProperty("type").GetString()!, Sql: string.Join('\n', p.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("rawSql").GetString()))))
            .ToList();

        Assert.Contains(panels, p => p.Type == "timeseries" && p.Sql.Contains("total_value", StringComparison.Ordinal) && p.Sql.Contains("FROM v_paper_equity_curve", StringComparison.Ordinal));
        Assert.Contains(panels, p => p.Type == "timeseries" && p.Sql.Contains("drawdown_pct", StringComparison.Ordinal));
        Assert.Contains(panels, p => p.Type == "barchart" && p.Sql.Contains("FROM v_paper_daily_pnl", StringComparison.Ordinal));
        Assert.Contains(panels, p => p.Type == "table" && p.Sql.Contains("FROM v_paper_open_positions", StringComparison.Ordinal));
        Assert.Contains(panels, p => p.Type == "table" && p.Sql.Contains("FROM v_paper_recent_trades", StringComparison.Ordinal));
        Assert.Contains(panels, p => p.Sql.Contains("trading_decisions d", StringComparison.Ordinal) && p.Sql.Contains("count(d.id)", StringComparison.Ordinal));
        Assert.True(panels.Count(p => p.Type == "stat" && p.Sql.Contains("FROM v_paper_performance_metrics", StringComparison.Ordinal)) >= 4);
        Assert.All(panels.Where(p => p.Sql.Contains("v_paper_", StringComparison.Ordinal) && !p.Sql.Contains("v_latest_prices", StringComparison.Ordinal)),
            p => Assert.Contains("account = ${account:sqlstring}", p.Sql, StringComparison.Ordinal));
    }

    [Fact]
    public void Panels_GridPositions_FitTheGridWithoutOverlapping()
    {
        using var dashboard = DashboardFile.Parse();
        var boxes = DashboardFile.Panels(dashboard).Select(p =>
        {
            var g = p.GetProperty("gridPos");
            return (Title: p.GetProperty("title").GetString(), X: g.GetProperty("x").GetInt32(), Y: g.GetProperty("y").GetInt32(), W: g.GetProperty("w").GetInt32(), H: g.GetProperty("h").GetInt32());
        }).ToList();

        Assert.All(boxes, b => Assert.True(b.X >= 0 && b.W > 0 && b.X + b.W <= 24 && b.H > 0, $"{b.Title} is outside the 24-column grid"));
        for (var i = 0; i < boxes.Count; i++)
        {
            for (var j = i + 1; j < boxes.Count; j++)
            {
                var (a, b) = (boxes[i], boxes[j]);
                var overlap = a.X < b.X + b.W && b.X < a.X + a.W && a.Y < b.Y + b.H && b.Y < a.Y + a.H;
                Assert.False(overlap, $"{a.Title} overlaps {b.Title}");
            }
        }
    }

    [Fact]
    public void Panels_Ids_AreUnique()
    {
        using var dashboard = DashboardFile.Parse();
        var ids = DashboardFile.Panels(dashboard).Select(p => p.GetProperty("id").GetInt32()).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Templating_Account_ListsTheLiveAccountsDefaultingToDefault()
    {
        using var dashboard = DashboardFile.Parse();
        var account = dashboard.RootElement.GetProperty("templating").GetProperty("list").EnumerateArray()
            .Single(v => v.GetProperty("name").GetString() == "account");

        Assert.Equal("query", account.GetProperty("type").GetString());
        Assert.Equal("SELECT account FROM accounts ORDER BY account", account.GetProperty("query").GetString());
        Assert.False(account.GetProperty("multi").GetBoolean());
        Assert.Equal("default", account.GetProperty("current").GetProperty("value").GetString());
        AssertTradingDatasource(account.GetProperty("datasource"), "$account");
    }

    [Fact]
    public void Datasource_Provisioning_PointsAtTheTradingDatabaseOnDbAsTheReadOnlyLogin()
    {
        var datasource = Assert.IsType<YamlDotNet.RepresentationModel.YamlMappingNode>(
            Assert.Single(YamlFile.Load("infrastructure/docker/grafana/provisioning/datasources/trading.yml").Sequence("datasources").Children));

        Assert.Equal(DatasourceUid, datasource.Scalar("uid"));
        Assert.Equal(DatasourceType, datasource.Scalar("type"));
        Assert.Equal("db:5432", datasource.Scalar("url"));
        var jsonData = datasource.Mapping("jsonData");
        Assert.Equal("trading", jsonData.Scalar("database"));
        Assert.Equal("true", jsonData.Scalar("timescaledb"));
        Assert.Equal("${GRAFANA_DB_PASSWORD}", datasource.Mapping("secureJsonData").Scalar("password"));
        var db = YamlFile.Load("docker-compose.yml").Mapping("services").Mapping("db").Mapping("environment");
        Assert.Equal(db.Scalar("POSTGRES_DB"), jsonData.Scalar("database"));
        Assert.Equal(db.Scalar("GRAFANA_DB_USER"), datasource.Scalar("user"));
    }

    [Fact]
    public void DashboardProvider_Path_IsWhereComposeMountsTheDashboards()
    {
        var provider = Assert.IsType<YamlDotNet.RepresentationModel.YamlMappingNode>(
            Assert.Single(YamlFile.Load("infrastructure/docker/grafana/provisioning/dashboards/trading.yml").Sequence("providers").Children));

        Assert.Equal("file", provider.Scalar("type"));
        var path = provider.Mapping("options").Scalar("path");
        var mounts = YamlFile.Load("docker-compose.yml").Mapping("services").Mapping("grafana").Sequence("volumes").Scalars();
        Assert.Contains(mounts, m => m.Split(':')[1] == path && RepositoryFiles.Exists(m.Split(':')[0]));
    }

    private static void AssertTradingDatasource(JsonElement datasource, string? owner)
    {
        Assert.True(datasource.ValueKind == JsonValueKind.Object, $"{owner}: no datasource");
        Assert.Equal(DatasourceUid, datasource.GetProperty("uid").GetString());
        Assert.Equal(DatasourceType, datasource.GetProperty("type").GetString());
    }
}
