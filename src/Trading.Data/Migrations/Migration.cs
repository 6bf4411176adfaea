using System.Security.Cryptography;
using System.Text;

namespace Trading.Data.Migrations;

/// <summary>One numbered SQL file of db/migrations.</summary>
public sealed record Migration(string Name, string Sql)
{
    /// <summary>SHA-256 of the file with line endings normalised, so a checkout on Windows gives the same checksum.</summary>
    public string Checksum => Convert.ToHexStringLower(
        SHA256.HashData(Encoding.UTF8.GetBytes(Sql.Replace("\r\n", "\n", StringComparison.Ordinal))));
}
