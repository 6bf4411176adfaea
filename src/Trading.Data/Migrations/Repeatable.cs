using System.Text.RegularExpressions;

namespace Trading.Data.Migrations;

/// <summary>
/// One file of db/repeatable: the current definition of some functions (<c>functions/…</c>) or of one view
/// (<c>views/…</c>), with their grants, options and comments. Re-applied whole whenever it changes (see
/// <see cref="Migrator"/>), so it is written to run on a database where its objects already exist.
/// </summary>
public sealed partial record Repeatable(string Name, string Sql)
{
    private const string ViewsFolder = "views/";

    public string Checksum => SqlChecksum.Of(Sql);

    /// <summary>A view file: applied after the versioned migrations; its views are dropped before it is re-applied.</summary>
    public bool IsView => Name.StartsWith(ViewsFolder, StringComparison.Ordinal);

    /// <summary>The views the file creates: the ones the migrator drops before it re-creates them.</summary>
    public IReadOnlyList<string> Views => IsView
        ? CreateView().Matches(Sql).Select(m => m.Groups["name"].Value).ToList()
        : [];

    [GeneratedRegex(@"^\s*CREATE\s+(?:OR\s+REPLACE\s+)?VIEW\s+(?<name>[a-z_][a-z0-9_]*)", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex CreateView();
}
