namespace Trading.Strategies.Comparisons;

/// <summary>
/// How alike the two return paths are, in the manner of Lean's live reconciliation. <see cref="Correlation"/>: Pearson
/// correlation of the daily returns on the days both sides have (1 = they rise and fall together; null under three
/// common days or without variation). <see cref="DtwDistance"/>: dynamic-time-warping distance between the two
/// cumulative-return curves (equity / initial capital − 1) sampled at the same <see cref="Points"/> instants over the
/// period both cover, divided by the length of the warping path: the average gap, in units of return, between the
/// curves once small timing shifts are forgiven (0 = identical; 0.01 = one percentage point). Good: correlation at or
/// above, and DTW at or below, the thresholds of <see cref="AssessmentThresholds"/>.
/// </summary>
public sealed record ReturnSimilarity(decimal? Correlation, int CommonDays, decimal? DtwDistance, int Points, bool? CorrelationGood, bool? DtwGood);
