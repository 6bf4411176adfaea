namespace Trading.Engine.Queue;

/// <summary>How a resting limit entry fills once it rests (accounts.limit_fill_model).</summary>
public enum LimitFillModel
{
    /// <summary>On a quote that touches its price, with the account's fill probability; a quote through it always fills.</summary>
    Touch,

    /// <summary>Behind the size displayed at its price: only prints beyond the queue ahead, or a trade-through, fill it.</summary>
    Queue,
}
