namespace Trading.Engine.Primitives;

/// <summary>A currency or settlement asset code of 3 to 5 upper-case letters, e.g. USD or USDT.</summary>
public readonly record struct Currency
{
    public Currency(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (code.Length is < 3 or > 5 || !code.All(c => c is >= 'A' and <= 'Z'))
        {
            throw new ArgumentOutOfRangeException(
                nameof(code), code, "A currency code must be 3 to 5 upper-case letters A-Z, e.g. \"USDT\".");
        }

        Code = code;
    }

    public string Code { get; }

    public override string ToString() => Code ?? string.Empty;
}
