namespace Trading.Orchestrator.Tests.Deployment;

/// <summary>infrastructure/docker/Dockerfile, read as instructions: the image cannot be built here (no Docker engine).</summary>
public sealed class DockerfileTests
{
    private const string RelativePath = "infrastructure/docker/Dockerfile";
    private readonly IReadOnlyList<(string Instruction, string Arguments)> instructions = Parse(RepositoryFiles.ReadAllText(RelativePath));

    [Fact]
    public void From_MultiStage_BuildsOnTheSdkAndRunsOnTheRuntimeWithPinnedMajorTags()
    {
        var stages = instructions.Where(i => i.Instruction == "FROM").Select(i => i.Arguments).ToList();

        Assert.True(stages.Count >= 2, "a multi-stage build has at least two FROM instructions");
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0 AS build", stages[0], StringComparison.Ordinal);
        Assert.StartsWith("mcr.microsoft.com/dotnet/runtime:10.0", stages[^1], StringComparison.Ordinal);
        Assert.All(stages, s => Assert.DoesNotContain(":latest", s, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void User_RuntimeStage_IsTheUnprivilegedUid10001()
    {
        var runtime = RuntimeStage();
        var user = runtime.Last(i => i.Instruction == "USER").Arguments;

        Assert.Equal("10001:10001", user);
        Assert.Contains(runtime, i => i.Instruction == "RUN" && i.Arguments.Contains("--uid 10001", StringComparison.Ordinal));
    }

    [Fact]
    public void Entrypoint_RuntimeStage_RunsTradingDllWithRunAsDefaultAndAHealthcheck()
    {
        var runtime = RuntimeStage();

        Assert.Equal("[\"dotnet\", \"/app/trading.dll\"]", runtime.Single(i => i.Instruction == "ENTRYPOINT").Arguments);
        Assert.Equal("[\"run\"]", runtime.Single(i => i.Instruction == "CMD").Arguments);
        Assert.Contains("CMD [\"trading-healthcheck\"]", runtime.Single(i => i.Instruction == "HEALTHCHECK").Arguments, StringComparison.Ordinal);
        Assert.Contains(runtime, i => i.Instruction == "COPY" && i.Arguments.EndsWith("infrastructure/docker/healthcheck.sh /usr/local/bin/trading-healthcheck", StringComparison.Ordinal));
    }

    [Fact]
    public void Publish_OrchestratorProject_ProducesTradingDll()
    {
        Assert.Contains(instructions, i => i.Instruction == "RUN" && i.Arguments.StartsWith("dotnet publish src/Trading.Orchestrator -c Release -o /app", StringComparison.Ordinal));
        // ENTRYPOINT names /app/trading.dll: the assembly name must stay `trading`.
        Assert.Contains("<AssemblyName>trading</AssemblyName>", RepositoryFiles.ReadAllText("src/Trading.Orchestrator/Trading.Orchestrator.csproj"), StringComparison.Ordinal);
    }

    [Fact]
    public void Copy_EveryContextSource_ExistsAndIsNotDockerIgnored()
    {
        var ignored = RepositoryFiles.ReadAllText(".dockerignore").Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#') && !l.Contains('*', StringComparison.Ordinal))
            .Select(l => l.TrimEnd('/'))
            .ToList();
        var copies = instructions.Where(i => i.Instruction == "COPY" && !i.Arguments.Contains("--from=", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(copies);

        foreach (var copy in copies)
        {
            var words = copy.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToList();
            foreach (var source in words.Take(words.Count - 1))
            {
                Assert.True(RepositoryFiles.Exists(source), $"COPY source {source} does not exist");
                var path = source.TrimEnd('/');
                Assert.DoesNotContain(ignored, i => path == i || path.StartsWith(i + "/", StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public void HealthcheckScript_Exists_AndIsAPosixShellScript()
    {
        var script = RepositoryFiles.ReadAllText("infrastructure/docker/healthcheck.sh");

        Assert.StartsWith("#!/bin/sh\n", script, StringComparison.Ordinal);
        Assert.Contains("/proc/$pid/net/tcp", script, StringComparison.Ordinal);
    }

    private List<(string Instruction, string Arguments)> RuntimeStage()
    {
        var lastFrom = instructions.Select((i, index) => (i, index)).Last(x => x.i.Instruction == "FROM").index;
        return instructions.Skip(lastFrom).ToList();
    }

    /// <summary>Instructions with their arguments: comments dropped, backslash continuations joined, whitespace collapsed.</summary>
    private static List<(string Instruction, string Arguments)> Parse(string dockerfile)
    {
        var result = new List<(string, string)>();
        var current = string.Empty;
        foreach (var raw in dockerfile.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || (line.Length == 0 && current.Length == 0))
            {
                continue;
            }

            var continues = line.EndsWith('\\');
            current += " " + (continues ? line[..^1] : line);
            if (!continues)
            {
                var text = string.Join(' ', current.Split(' ', StringSplitOptions.RemoveEmptyEntries));
                if (text.Length > 0)
                {
                    var space = text.IndexOf(' ', StringComparison.Ordinal);
                    result.Add((text[..space].ToUpperInvariant(), text[(space + 1)..]));
                }

                current = string.Empty;
            }
        }

        return result;
    }
}
