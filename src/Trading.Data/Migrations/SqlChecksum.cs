using System.Security.Cryptography;
using System.Text;

namespace Trading.Data.Migrations;

/// <summary>The checksum the migrator records for a file: SHA-256 of its text with line endings normalised.</summary>
internal static class SqlChecksum
{
    /// <summary>Line endings normalised, so a checkout on Windows gives the same checksum.</summary>
    public static string Of(string sql) => Convert.ToHexStringLower(
        SHA256.HashData(Encoding.UTF8.GetBytes(sql.Replace("\r\n", "\n", StringComparison.Ordinal))));
}
