namespace Trading.Data.Migrations;

/// <summary>One numbered SQL file of db/migrations: tables, types, indexes, grants on tables, data moves.</summary>
public sealed record Migration(string Name, string Sql)
{
    public string Checksum => SqlChecksum.Of(Sql);
}
