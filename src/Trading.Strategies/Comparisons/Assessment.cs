namespace Trading.Strategies.Comparisons;

/// <summary>Seed 004's assessment: the verdict, its recommendation, the figures it rests on and any caution.</summary>
public sealed record Assessment(Verdict Verdict, string Recommendation, IReadOnlyList<MetricFinding> Findings, IReadOnlyList<string> Cautions)
{
    /// <summary>The verdict's name as seed 004 writes it.</summary>
    public string VerdictName => Name(Verdict);

    public static string Name(Verdict verdict) => verdict switch
    {
        Verdict.Matches => "matches",
        Verdict.SignificantlyWorse => "significantly worse",
        Verdict.SignificantlyBetter => "significantly better",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, null),
    };
}
