using Trading.Strategies.Config;

namespace Trading.Strategies.Tests.Config;

public class ExampleStrategiesTests
{
    public static TheoryData<string> Files() => new(FileNames());

    [Theory]
    [MemberData(nameof(Files))]
    public void Parse_ExampleFile_Valid(string fileName)
    {
        var result = StrategyConfigParser.Parse(File.ReadAllText(Path.Combine(StrategiesFolder(), fileName)));

        Assert.True(result.IsValid, $"{fileName}: {string.Join("; ", result.Errors)}");
    }

    [Fact]
    public void Folder_ShipsTheFourExamples()
    {
        Assert.Equal(
            ["bollinger_reversion.json", "ema_cross.json", "macd_trend.json", "rsi_bounce.json"],
            FileNames());
    }

    [Fact]
    public void Parse_RsiBounceFile_SameChecksumAsSeedText()
    {
        var file = StrategyConfigParser.Parse(File.ReadAllText(Path.Combine(StrategiesFolder(), "rsi_bounce.json"))).Config!;

        Assert.Equal(StrategyConfigParser.Parse(SeedConfigs.RsiBounce).Config!.Checksum, file.Checksum);
    }

    private static string[] FileNames() =>
        Directory.GetFiles(StrategiesFolder(), "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    /// <summary>The repository's strategies/ folder: up from the test assembly to the folder holding Trading.sln.</summary>
    private static string StrategiesFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Trading.sln")))
            {
                return Path.Combine(dir.FullName, "strategies");
            }
        }

        throw new DirectoryNotFoundException($"No Trading.sln above {AppContext.BaseDirectory}.");
    }
}
