using Trading.Engine.Impact;

namespace Trading.Engine.Tests.Impact;

public class ImpactEstimatorTests
{
    private static MarketObservation At(int minute, decimal price, decimal? volume = null) =>
        new(TestData.T0.AddMinutes(minute), price, volume);

    [Fact]
    public void Sigma_ReturnsPlusAndMinusOnePercent_SampleDeviationRounded()
    {
        // returns 101/100 − 1 = 0.01 and 99.99/101 − 1 = −0.01; mean 0; (0.0001 + 0.0001) / (2 − 1) = 0.0002;
        // √0.0002 = 0.0141421356237309… → 0.014142135624 at 12 places
        var sigma = ImpactEstimator.Sigma([At(0, 100m), At(1, 101m), At(2, 99.99m)]);

        Assert.Equal(0.014142135624m, sigma);
    }

    [Fact]
    public void Sigma_FlatPrices_Zero()
    {
        Assert.Equal(0m, ImpactEstimator.Sigma([At(0, 5m), At(1, 5m), At(2, 5m)]));
    }

    [Fact]
    public void MeanVolume_SomeObservationsWithoutVolume_AveragesThoseWithOne()
    {
        Assert.Equal(200m, ImpactEstimator.MeanVolume([At(0, 1m, 100m), At(1, 1m), At(2, 1m, 300m)]));
    }

    [Fact]
    public void Estimate_Series_RecordsWindowAndSamples()
    {
        var estimate = ImpactEstimator.Estimate("X", [At(0, 100m, 10m), At(1, 101m, 20m), At(2, 99.99m, 30m)], out var reason);

        Assert.Null(reason);
        Assert.NotNull(estimate);
        Assert.Equal(0.014142135624m, estimate.Sigma);
        Assert.Equal(20m, estimate.Volume);
        Assert.Equal(3, estimate.Samples);
        Assert.Equal(TestData.T0, estimate.From);
        Assert.Equal(TestData.T0.AddMinutes(2), estimate.To);
    }

    [Fact]
    public void Estimate_TooShort_NullWithTheReason()
    {
        var estimate = ImpactEstimator.Estimate("X", [At(0, 100m, 1m), At(1, 101m, 1m)], out var reason);

        Assert.Null(estimate);
        Assert.Contains("at least 3", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Estimate_NoVolume_NullWithTheReason()
    {
        var estimate = ImpactEstimator.Estimate("X", [At(0, 100m), At(1, 101m), At(2, 99m)], out var reason);

        Assert.Null(estimate);
        Assert.Contains("no traded volume", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Estimate_OutOfOrder_Refused()
    {
        Assert.Throws<ArgumentException>(() => ImpactEstimator.Estimate("X", [At(1, 1m, 1m), At(0, 1m, 1m), At(2, 1m, 1m)], out _));
    }
}
