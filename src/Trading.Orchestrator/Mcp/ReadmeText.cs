namespace Trading.Orchestrator.Mcp;

/// <summary>The README this binary was built with (an embedded resource), whole or one "## " section of it.</summary>
public static class ReadmeText
{
    private static readonly Lazy<string> Text = new(() =>
    {
        using var stream = typeof(ReadmeText).Assembly.GetManifestResourceStream("Trading.README.md")
            ?? throw new InvalidOperationException("The README is not embedded in this build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static string Whole => Text.Value;

    /// <summary>From the heading to the next heading of the same level (exclusive).</summary>
    public static string Section(string heading)
    {
        var text = Whole;
        var start = text.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InvalidOperationException($"The README has no section '{heading}'.");
        }

        var end = text.IndexOf("\n## ", start + heading.Length + 1, StringComparison.Ordinal);
        return (end < 0 ? text[(start + 1)..] : text[(start + 1)..end]).TrimEnd() + "\n";
    }
}
