using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PosSync.Domain.Input;

/// <summary>
/// Turns input text (JSON, or YAML of the same shape) into a JSON tree, or into problems that say
/// where the text is broken. Size, nesting and alias expansion are bounded so hostile input fails
/// fast instead of eating the machine.
/// </summary>
public static partial class InputDocument
{
    /// <summary>A large day is a few hundred KB; anything past this is not a day.</summary>
    public const int MaxBytes = 64 * 1024 * 1024;

    internal const int MaxDepth = 64;
    private const int MaxYamlNodes = 2_000_000;

    public static Parsed<JsonDocument> ParseJson(ReadOnlyMemory<byte> utf8) =>
        utf8.Length > MaxBytes ? TooLarge(utf8.Length) : ParseJsonTree(utf8);

    /// <summary>The size as given, against the limit, in the same units (<see cref="ByteSize"/>).</summary>
    private static Parsed<JsonDocument> TooLarge(long bytes) =>
        Parsed<JsonDocument>.Reject($"the input is {ByteSize.Describe(bytes)}; at most {ByteSize.Describe(MaxBytes)} is accepted");

    private static Parsed<JsonDocument> ParseJsonTree(ReadOnlyMemory<byte> utf8)
    {
        try
        {
            return Parsed<JsonDocument>.Accept(JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = MaxDepth }));
        }
        catch (JsonException e)
        {
            return Parsed<JsonDocument>.Reject($"the input is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): " +
                $"{FirstSentence(e.Message)}");
        }
    }

    public static Parsed<JsonDocument> ParseYaml(string text) =>
        Encoding.UTF8.GetByteCount(text) is var bytes && bytes > MaxBytes ? TooLarge(bytes) : ParseYamlText(text);

    private static Parsed<JsonDocument> ParseYamlText(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            return Parsed<JsonDocument>.Reject($"the input is not valid YAML (line {e.Start.Line}, column {e.Start.Column}): " +
                $"{FirstSentence(e.Message)}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner gives up this way on some broken documents instead of raising a YamlException.
            return Parsed<JsonDocument>.Reject("the input is not valid YAML (the parser could not read it)");
        }
        if (stream.Documents.Count != 1)
            return Parsed<JsonDocument>.Reject($"the input must hold exactly one YAML document, not {stream.Documents.Count}");

        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            var budget = new YamlBudget();
            var problem = WriteYamlNode(writer, stream.Documents[0].RootNode, 0, budget, "");
            if (problem is not null) return Parsed<JsonDocument>.Reject(problem);
        }
        // The JSON written from the YAML is longer than the YAML (quotes, braces): the limit was on what the user gave.
        return ParseJsonTree(buffer.ToArray());
    }

    /// <summary>
    /// YAML when the file says so by its extension, JSON otherwise. The limit is on the file's bytes:
    /// decoded, a byte that is not UTF-8 becomes a 3-byte replacement character, and a 50,000,000-byte
    /// file measured after decoding was refused as larger than 64 MB.
    /// </summary>
    public static Parsed<JsonDocument> ParseFile(string fileName, byte[] content)
    {
        if (content.Length > MaxBytes) return TooLarge(content.Length);
        return fileName.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
            ? ParseYamlText(DecodeUtf8(content))
            : ParseJsonTree(content);
    }

    private static string DecodeUtf8(byte[] content) => new UTF8Encoding(false, false).GetString(content);

    private sealed class YamlBudget { public int Nodes; }

    private static string? WriteYamlNode(Utf8JsonWriter writer, YamlNode node, int depth, YamlBudget budget, string path)
    {
        if (depth > MaxDepth) return $"{Where(path)} is nested deeper than {MaxDepth} levels";
        if (++budget.Nodes > MaxYamlNodes) return $"the YAML expands to more than {MaxYamlNodes} nodes (aliases?)";
        switch (node)
        {
            case YamlMappingNode mapping:
                writer.WriteStartObject();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var (keyNode, valueNode) in mapping.Children)
                {
                    if (keyNode is not YamlScalarNode { Value: { } key })
                        return $"{Where(path)} has a key that is not a plain value";
                    var childPath = FieldReader.Join(path, key);
                    if (!seen.Add(key)) return $"{childPath} appears twice";
                    writer.WritePropertyName(key);
                    var problem = WriteYamlNode(writer, valueNode, depth + 1, budget, childPath);
                    if (problem is not null) return problem;
                }
                writer.WriteEndObject();
                return null;
            case YamlSequenceNode sequence:
                writer.WriteStartArray();
                var index = 0;
                foreach (var child in sequence.Children)
                {
                    var problem = WriteYamlNode(writer, child, depth + 1, budget, FieldReader.Index(path, index++));
                    if (problem is not null) return problem;
                }
                writer.WriteEndArray();
                return null;
            case YamlScalarNode scalar:
                WriteScalar(writer, scalar);
                return null;
            default:
                return $"{Where(path)} holds a YAML construct that is not supported";
        }
    }

    private static void WriteScalar(Utf8JsonWriter writer, YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
        {
            writer.WriteStringValue(value);
            return;
        }
        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                writer.WriteNullValue();
                return;
            case "true" or "True" or "TRUE":
                writer.WriteBooleanValue(true);
                return;
            case "false" or "False" or "FALSE":
                writer.WriteBooleanValue(false);
                return;
        }
        // A number too large for decimal, or YAML's .nan/.inf, stays a string: the field check then names it.
        if (YamlNumber().IsMatch(value) && decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            writer.WriteNumberValue(number);
        else
            writer.WriteStringValue(value);
    }

    private static string Where(string path) => path.Length == 0 ? "the document" : path;

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return FieldReader.Printable(end > 0 ? message[..(end + 1)] : message);
    }

    [GeneratedRegex(@"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")]
    private static partial Regex YamlNumber();
}
