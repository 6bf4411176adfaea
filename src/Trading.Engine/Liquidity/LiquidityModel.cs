namespace Trading.Engine.Liquidity;

/// <summary>How much an account's taking orders may fill on arrival (accounts.liquidity_model).</summary>
public enum LiquidityModel
{
    /// <summary>A plain market order fills in full at the touch; a marketable limit or stop takes the quoted touch size.</summary>
    Unbounded,

    /// <summary>Taking orders walk the book level by level: a stored depth snapshot, else a synthetic book from the quote.</summary>
    Book,
}
