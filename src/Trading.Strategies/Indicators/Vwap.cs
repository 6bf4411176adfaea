using Trading.Strategies.Bars;

namespace Trading.Strategies.Indicators;

/// <summary>
/// Volume-weighted average price over the last <c>period</c> bars (a rolling window, not a session anchor, since crypto
/// has no session): Σ(typical × volume) / Σ volume with typical = (high + low + close) / 3. Defined from bar
/// <c>period</c>, and undefined again while the window holds no volume at all (no trades, no volume-weighted price).
/// </summary>
internal sealed class Vwap : Indicator
{
    private readonly RollingWindow _weighted;
    private readonly RollingWindow _volumes;

    public Vwap(int period)
        : base("vwap", period)
    {
        _weighted = new RollingWindow(period);
        _volumes = new RollingWindow(period);
    }

    public override bool IsDefined => _volumes.IsFull && _volumes.Sum > 0m;

    public override void Update(Bar bar)
    {
        // The division by 3 waits until the read, so the sums hold no rounded thirds.
        _weighted.Add((bar.High + bar.Low + bar.Close) * bar.Volume);
        _volumes.Add(bar.Volume);
    }

    protected override decimal? ReadField(string field) => OnlyValue(field, _weighted.Sum / (3m * _volumes.Sum));
}
