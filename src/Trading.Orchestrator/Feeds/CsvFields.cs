using System.Globalization;

namespace Trading.Orchestrator.Feeds;

/// <summary>
/// The fields of one line of a replay file, named by its layout's columns: each parse checks a field as the database
/// would and fails with a <see cref="QuoteFileException"/> naming the line and the column.
/// </summary>
internal readonly struct CsvFields(string[] fields, long line, string[] names)
{
    // numeric(28,10) holds 18 integer digits.
    private const decimal MaxValue = 999_999_999_999_999_999m;

    public QuoteFileException Error(int index, string problem) => new(line, index + 1, names[index], problem);

    public string Required(int index)
    {
        var value = index < fields.Length ? fields[index].Trim() : string.Empty;
        return value.Length == 0 ? throw Error(index, index < fields.Length ? "empty" : "missing") : value;
    }

    /// <summary>The trimmed field, or null when it is empty or absent.</summary>
    public string? Optional(int index) => index < fields.Length && fields[index].Trim() is { Length: > 0 } value ? value : null;

    public DateTimeOffset Time(int index)
    {
        var text = Required(index);
        if (text.All(char.IsAsciiDigit))
        {
            // Epoch: 10 digits are seconds, 13 milliseconds, 16 microseconds (Binance's newer files).
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch) || text.Length > 17)
            {
                throw Error(index, $"'{text}' is not a timestamp");
            }

            var ticks = text.Length switch
            {
                <= 11 => epoch * TimeSpan.TicksPerSecond,
                <= 14 => epoch * TimeSpan.TicksPerMillisecond,
                _ => epoch * 10,
            };
            return DateTimeOffset.UnixEpoch.AddTicks(ticks);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : throw Error(index, $"'{text}' is not a timestamp (ISO 8601 like 2024-05-01T12:00:00Z, or epoch seconds/milliseconds)");
    }

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public long Integer(int index, long min, long max)
    {
        var text = Required(index);
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw Error(index, $"'{text}' is not a whole number from {min} to {max}");
    }

    public decimal RequiredPrice(int index) => Price(index) ?? throw Error(index, index < fields.Length ? "empty" : "missing");

    public decimal? Price(int index)
    {
        var value = Number(index);
        return value is <= 0m ? throw Error(index, $"price {value} must be positive") : value;
    }

    public decimal? Size(int index)
    {
        var value = Number(index);
        return value is < 0m ? throw Error(index, $"size {value} must not be negative") : value;
    }

    private decimal? Number(int index)
    {
        if (index >= fields.Length || fields[index].Trim().Length == 0)
        {
            return null;
        }

        var text = fields[index].Trim();
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw Error(index, $"'{text}' is not a number");
        }

        return Math.Abs(value) > MaxValue ? throw Error(index, $"{text} is too large") : value;
    }
}
