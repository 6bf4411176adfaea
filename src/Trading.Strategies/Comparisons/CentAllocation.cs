namespace Trading.Strategies.Comparisons;

/// <summary>
/// Rounds amounts to cents so that the cents sum to a given total in cents (by default the rounded sum of the amounts):
/// each is rounded, then the cents the rounding gained or lost go back one by one to the amounts whose rounding moved
/// them most (largest remainder).
/// </summary>
public static class CentAllocation
{
    private const decimal Cent = 0.01m;

    public static IReadOnlyList<decimal> Allocate(IReadOnlyList<decimal> amounts, decimal? total = null)
    {
        ArgumentNullException.ThrowIfNull(amounts);
        var rounded = amounts.Select(a => Math.Round(a, 2, MidpointRounding.AwayFromZero)).ToArray();
        var target = Math.Round(total ?? amounts.Sum(), 2, MidpointRounding.AwayFromZero);
        if (amounts.Count == 0)
        {
            return target == 0m ? rounded : throw new ArgumentException($"no amounts to carry a total of {target}");
        }

        var missing = (int)((target - rounded.Sum()) / Cent);
        var order = Enumerable.Range(0, amounts.Count)
            .OrderByDescending(i => missing > 0 ? amounts[i] - rounded[i] : rounded[i] - amounts[i])
            .ThenBy(i => i)
            .ToList();
        for (var k = 0; k < Math.Abs(missing); k++)
        {
            rounded[order[k % order.Count]] += missing > 0 ? Cent : -Cent;
        }

        return rounded;
    }
}
