namespace Trading.Engine.Fees;

/// <summary>Returns the fee of one fill, a non-negative cash amount rounded to money scale.</summary>
public interface IFeeModel
{
    string Name { get; }

    /// <summary>Short JSON text of the model's parameters, stored with each fill for provenance.</summary>
    string Parameters { get; }

    decimal Fee(FeeContext ctx);
}
