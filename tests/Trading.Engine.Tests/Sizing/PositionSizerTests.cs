using Trading.Engine.Sizing;

namespace Trading.Engine.Tests.Sizing;

public class PositionSizerTests
{
    [Fact]
    public void Quantity_SeedExample_FlooredToLot()
    {
        // base 2000 × min(0.75 / 0.8, 1.25) 0.9375 × (1 − 0.5 × 0.3) 0.85 = 1593.75 → / 110,500
        Assert.Equal(1593.75m, PositionSizer.TargetNotional(10_000m, 0.20m, 0.75m, 0.3m));
        Assert.Equal(0.01442m, PositionSizer.Quantity(10_000m, 0.20m, 0.75m, 0.3m, 110_500m, 0.00001m));
    }

    [Fact]
    public void Quantity_FullConfidenceNoRisk_CappedAtOneAndAQuarter()
    {
        Assert.Equal(2500m, PositionSizer.TargetNotional(10_000m, 0.20m, 1m, null));
        Assert.Equal(25m, PositionSizer.Quantity(10_000m, 0.20m, 1m, null, 100m, 1m));
    }

    [Fact]
    public void FromNotional_Explicit_FlooredToLot()
    {
        Assert.Equal(0.00904m, PositionSizer.FromNotional(1000m, 110_500m, 0.00001m));
    }

    [Fact]
    public void FromQuantity_Explicit_FlooredToLot()
    {
        Assert.Equal(1.234m, PositionSizer.FromQuantity(1.2349m, 0.001m));
    }

    [Fact]
    public void Quantity_ConfidenceOutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PositionSizer.Quantity(10_000m, 0.2m, 1.1m, null, 100m, 1m));
    }
}
