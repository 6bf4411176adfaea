namespace Trading.Data.Client;

/// <summary>A row of v_paper_account_epochs: an account's current epoch and each one a reset closed (its rows carry (account, epoch)).</summary>
public sealed class AccountEpoch
{
    public required string Account { get; init; }

    public int Epoch { get; init; }

    public bool IsCurrent { get; init; }

    public string? BaseCurrency { get; init; }

    public DateTime? StartedAt { get; init; }

    public DateTime? EndedAt { get; init; }

    public decimal? InitialCapital { get; init; }

    public decimal? NetDeposits { get; init; }

    public decimal? FinalEquity { get; init; }

    public decimal? NetPnl { get; init; }

    public decimal? NetPnlPct { get; init; }

    public long? TotalTrades { get; init; }

    public string? Reason { get; init; }
}
