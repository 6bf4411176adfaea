using System.Globalization;

namespace Trading.Orchestrator.Feeds;

/// <summary>Parses the command line's durations ("250ms", "1s", "5m", "1h", "1d", or a TimeSpan like 00:00:01).</summary>
public static class Durations
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        (string Suffix, long Ticks)[] units =
        [
            ("ms", TimeSpan.TicksPerMillisecond), ("s", TimeSpan.TicksPerSecond), ("m", TimeSpan.TicksPerMinute),
            ("h", TimeSpan.TicksPerHour), ("d", TimeSpan.TicksPerDay),
        ];
        foreach (var (suffix, ticks) in units)
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && decimal.TryParse(text[..^suffix.Length], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            {
                var total = amount * ticks;
                if (total > TimeSpan.MaxValue.Ticks)
                {
                    return false;
                }

                duration = TimeSpan.FromTicks((long)total);
                return true;
            }
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration);
    }
}
