using Trading.Orchestrator.Demo;
using Trading.Strategies.Config;

namespace Trading.Orchestrator.Tests.Demo;

public sealed class DemoStrategyTests
{
    [Fact]
    public void Config_Parsed_ValidOneMinuteStrategy()
    {
        var validation = StrategyConfigParser.Parse(DemoStrategy.Config);

        Assert.True(validation.IsValid, string.Join("; ", validation.Errors));
        Assert.Equal(("demo_rsi_reversion", "1m"), (validation.Config!.Name, validation.Config.TimeframeName));
    }
}
