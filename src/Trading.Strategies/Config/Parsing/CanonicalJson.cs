using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Trading.Strategies.Config.Parsing;

/// <summary>
/// The canonical form of a config: object keys sorted by ordinal, no whitespace, numbers as written, strings re-escaped
/// the same way every time. Two files that differ only in key order or layout store the same text and checksum.
/// </summary>
internal static class CanonicalJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = false,

        // Stored in jsonb and printed in a terminal, never embedded in HTML: keep '/', '+' and non-ASCII readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(JsonElement root)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            Write(writer, root);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static string Checksum(string canonical) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                // Numbers keep their written digits (5 and 5.0 differ, as the user wrote them); strings are re-escaped.
                element.WriteTo(writer);
                break;
        }
    }
}
