using Trading.Engine.Randomness;

namespace Trading.Engine.Tests.Randomness;

public class DeterministicRandomTests
{
    [Fact]
    public void NextUInt64_SeedZero_MatchesReferenceSplitMix64()
    {
        var random = new DeterministicRandom(0UL);

        Assert.Equal(0xE220A8397B1DCDAFUL, random.NextUInt64());
        Assert.Equal(0x6E789E6AA1B965F4UL, random.NextUInt64());
        Assert.Equal(0x06C45D188009454FUL, random.NextUInt64());
    }

    [Fact]
    public void For_AccountSeedAndDecisionId_IsPinnedForever()
    {
        var random = DeterministicRandom.For(42, 7);

        Assert.Equal(14680896716286437513UL, random.Seed);
        Assert.Equal(11516860726006328591UL, random.NextUInt64());
        Assert.Equal(10090767864853452884UL, random.NextUInt64());
    }

    [Fact]
    public void NextDecimal_Pinned_IsTop53BitsOverTwoPow53()
    {
        var random = DeterministicRandom.For(42, 7);

        Assert.Equal(0.6243302709674521944194225398m, random.NextDecimal());
        Assert.Equal(0.5470216220560514264192875089m, random.NextDecimal());
    }

    [Fact]
    public void For_DifferentDecisionIds_GiveDifferentSequences()
    {
        Assert.NotEqual(DeterministicRandom.For(42, 7).NextUInt64(), DeterministicRandom.For(42, 8).NextUInt64());
        Assert.NotEqual(DeterministicRandom.For(42, 7).NextUInt64(), DeterministicRandom.For(43, 7).NextUInt64());
    }

    [Fact]
    public void NextDecimal_Range_StaysWithinBounds()
    {
        var random = new DeterministicRandom(123UL);
        for (var i = 0; i < 10_000; i++)
        {
            var x = random.NextDecimal(0.5m, 1.5m);
            Assert.InRange(x, 0.5m, 1.5m);
            Assert.True(x < 1.5m);
        }
    }

    [Fact]
    public void NextDecimal_MaxBelowMin_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DeterministicRandom(1UL).NextDecimal(2m, 1m));
    }
}
