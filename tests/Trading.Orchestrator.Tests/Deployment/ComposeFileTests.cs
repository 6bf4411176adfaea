using YamlDotNet.RepresentationModel;

namespace Trading.Orchestrator.Tests.Deployment;

/// <summary>docker-compose.yml, parsed (anchors merged, `${VAR:-default}` at its default): the stack's wiring.</summary>
public sealed class ComposeFileTests
{
    private static readonly string[] AppServices = ["migrate", "orchestrator", "feed"];
    private static readonly string[] RestartPolicies = ["unless-stopped", "always", "on-failure"];
    private readonly YamlMappingNode services = YamlFile.Load("docker-compose.yml").Mapping("services");

    [Fact]
    public void Services_ComposeFile_DefinesDbMigrateOrchestratorFeedAndGrafana()
    {
        Assert.Equal(["db", "feed", "grafana", "migrate", "orchestrator"], services.Keys().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Image_EveryService_PinnedToAnExplicitTagNeverLatest()
    {
        foreach (var name in services.Keys())
        {
            var image = services.Mapping(name).Scalar("image");
            Assert.False(string.IsNullOrWhiteSpace(image), $"{name}: no image (a build-only service gets a compose-generated, untagged name)");
            Assert.False(ComposeVariables.HasUnresolvedVariable(image!), $"{name}: image '{image}' has a variable without a default");
            var reference = ComposeVariables.WithDefaults(image!);
            if (reference.Contains('@', StringComparison.Ordinal))
            {
                continue; // repository@sha256:... is pinned by content.
            }

            var colon = reference.LastIndexOf(':');
            Assert.True(colon > reference.LastIndexOf('/'), $"{name}: image '{reference}' has no tag (that means latest)");
            var tag = reference[(colon + 1)..];
            Assert.False(string.IsNullOrWhiteSpace(tag), $"{name}: image '{reference}' has an empty tag");
            Assert.NotEqual("latest", tag, StringComparer.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Db_TimescaleImage_CreatesTradingDatabaseWithPasswordFromEnvironment()
    {
        var db = services.Mapping("db");
        // The TimescaleDB line the schema is tested with, on PostgreSQL 15 or 16.
        Assert.Matches(@"^timescale/timescaledb:2\.28\.\d+-pg1[56]$", db.Scalar("image"));
        var environment = db.Mapping("environment");
        Assert.Equal("trading", environment.Scalar("POSTGRES_DB"));
        Assert.Equal("${POSTGRES_PASSWORD:-trading}", environment.Scalar("POSTGRES_PASSWORD"));
        Assert.Contains(db.Sequence("volumes").Scalars(), v => v.EndsWith(":/var/lib/postgresql/data", StringComparison.Ordinal));
    }

    [Fact]
    public void Db_Healthcheck_ProbesPgIsReadyOverTcp()
    {
        var test = string.Join(' ', services.Mapping("db").Mapping("healthcheck").Sequence("test").Scalars());
        Assert.Contains("pg_isready", test, StringComparison.Ordinal);
        // The image's first-start initialisation runs a socket-only server; a socket probe would report it ready too early.
        Assert.Contains("-h 127.0.0.1", test, StringComparison.Ordinal);
        Assert.Contains("-d trading", test, StringComparison.Ordinal);
    }

    [Fact]
    public void Migrate_OneShot_DependsOnDbHealthyAndNeverRestarts()
    {
        var migrate = services.Mapping("migrate");
        Assert.Equal(["migrate"], migrate.Sequence("command").Scalars());
        Assert.Equal("service_healthy", migrate.Mapping("depends_on").Mapping("db").Scalar("condition"));
        Assert.Equal("no", migrate.Scalar("restart"));
    }

    [Fact]
    public void Orchestrator_Run_DependsOnMigrateCompletingWithRestartPolicyAndHealthcheck()
    {
        var orchestrator = services.Mapping("orchestrator");
        Assert.Equal(["run"], orchestrator.Sequence("command").Scalars());
        Assert.Equal("service_completed_successfully", orchestrator.Mapping("depends_on").Mapping("migrate").Scalar("condition"));
        Assert.Contains(orchestrator.Scalar("restart"), RestartPolicies);
        var healthcheck = orchestrator.Mapping("healthcheck");
        Assert.NotEqual("true", healthcheck.Scalar("disable"));
        Assert.Equal(["CMD", "trading-healthcheck"], healthcheck.Sequence("test").Scalars());
        Assert.Equal("false", orchestrator.Mapping("environment").Scalar("Orchestrator__MigrateOnStart"));
    }

    [Fact]
    public void Feed_SimulatedFeed_IsTheDefaultPriceSource()
    {
        var feed = services.Mapping("feed");
        Assert.Equal(["feed", "sim"], feed.Sequence("command").Scalars());
        Assert.Equal("service_completed_successfully", feed.Mapping("depends_on").Mapping("migrate").Scalar("condition"));
    }

    [Fact]
    public void AppServices_SameImage_BuiltFromTheDockerfileWithTheTradingConnectionString()
    {
        foreach (var name in AppServices)
        {
            var service = services.Mapping(name);
            Assert.Equal("trading:${TRADING_IMAGE_TAG:-local}", service.Scalar("image"));
            var build = service.Mapping("build");
            Assert.Equal(".", build.Scalar("context"));
            Assert.True(RepositoryFiles.Exists(build.Scalar("dockerfile")!), $"{name}: dockerfile {build.Scalar("dockerfile")} is missing");
            Assert.Equal(
                "Host=db;Port=5432;Database=trading;Username=postgres;Password=${POSTGRES_PASSWORD:-trading}",
                service.Mapping("environment").Scalar("ConnectionStrings__Trading"));
        }
    }

    [Fact]
    public void Grafana_Provisioning_MountedFromTheRepositoryWithPortAndAdminPassword()
    {
        var grafana = services.Mapping("grafana");
        Assert.StartsWith("grafana/grafana-oss:", grafana.Scalar("image"), StringComparison.Ordinal);
        var volumes = grafana.Sequence("volumes").Scalars();
        Assert.Contains("./infrastructure/docker/grafana/provisioning:/etc/grafana/provisioning:ro", volumes);
        Assert.Contains("./infrastructure/docker/grafana/dashboards:/etc/grafana/dashboards:ro", volumes);
        Assert.Contains(grafana.Sequence("ports").Scalars(), p => ComposeVariables.WithDefaults(p).EndsWith("3000:3000", StringComparison.Ordinal));
        var environment = grafana.Mapping("environment");
        Assert.Equal("${GRAFANA_ADMIN_PASSWORD:-admin}", environment.Scalar("GF_SECURITY_ADMIN_PASSWORD"));
        Assert.Equal("Viewer", environment.Scalar("GF_AUTH_ANONYMOUS_ORG_ROLE"));
    }

    [Fact]
    public void Grafana_HomeDashboard_IsAMountedFile()
    {
        var home = services.Mapping("grafana").Mapping("environment").Scalar("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH");

        Assert.Equal("/etc/grafana/dashboards/paper-trading.json", home);
        Assert.True(RepositoryFiles.Exists(DashboardFile.RelativePath));
    }

    [Fact]
    public void BindMounts_EveryHostPath_ExistsInTheRepository()
    {
        foreach (var name in services.Keys())
        {
            if (services.Mapping(name).Child("volumes") is not YamlSequenceNode volumes)
            {
                continue;
            }

            foreach (var volume in volumes.Scalars().Where(v => v.StartsWith("./", StringComparison.Ordinal)))
            {
                var hostPath = volume.Split(':')[0];
                Assert.True(RepositoryFiles.Exists(hostPath), $"{name}: bind mount source {hostPath} does not exist");
            }
        }
    }

    [Fact]
    public void Db_GrafanaLogin_CreatedByTheInitScriptWithThePasswordGrafanaUses()
    {
        var db = services.Mapping("db");
        var volumes = db.Sequence("volumes").Scalars();
        Assert.Contains("./infrastructure/docker/db-init/10-grafana-reader.sh:/docker-entrypoint-initdb.d/10-grafana-reader.sh:ro", volumes);
        Assert.Contains("./infrastructure/docker/db-init/grafana-reader.sql:/etc/trading/grafana-reader.sql:ro", volumes);
        var password = db.Mapping("environment").Scalar("GRAFANA_DB_PASSWORD");
        Assert.Equal(password, services.Mapping("grafana").Mapping("environment").Scalar("GRAFANA_DB_PASSWORD"));
    }
}
