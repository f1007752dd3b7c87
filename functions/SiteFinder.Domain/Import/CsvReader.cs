using System.Text;

namespace SiteFinder.Domain.Import;

/// <summary>A CSV file that cannot be read as records; <see cref="Line"/> is where the problem starts (1-based).</summary>
public sealed class CsvFormatException(int line, string message) : FormatException($"line {line}: {message}")
{
    public int Line { get; } = line;
}

/// <summary>A small RFC 4180 reader: quoted fields, doubled quotes, line breaks inside quotes, CRLF or LF.</summary>
public static class CsvReader
{
    /// <summary>
    /// Reads records with the line number each one starts on (1-based, header is line 1). A quote that
    /// is never closed would swallow the rest of the file into one field, so it throws <see cref="CsvFormatException"/>
    /// naming the line the quote opened on.
    /// </summary>
    public static IEnumerable<(int Line, IReadOnlyList<string> Fields)> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var fields = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        var line = 1;
        var recordLine = 1;
        var quoteLine = 0;
        var closed = false;
        var any = false;
        int c;
        while ((c = reader.Read()) != -1)
        {
            var ch = (char)c;
            any = true;
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        field.Append('"');
                        reader.Read();
                    }
                    else
                    {
                        inQuotes = false;
                        closed = true;
                    }
                }
                else
                {
                    if (ch == '\n')
                        line++;
                    field.Append(ch);
                }

                continue;
            }

            // A quote is only a field's first character, and a closing quote ends the field. Anything else
            // (a"b, "ab"c) is not CSV: Excel would read it one way and a hand-written reader another, and the
            // cell would be stored as neither meant, so the file is refused naming the line.
            if (closed && ch is not (',' or '\r' or '\n'))
                throw new CsvFormatException(line, "text after a closing quote: quote the whole field and double the quotes inside it (\"a \"\"b\"\" c\")");
            closed = false;

            switch (ch)
            {
                case '"' when field.Length > 0:
                    throw new CsvFormatException(line, "a quote inside an unquoted field: quote the whole field and double the quotes inside it (\"a \"\"b\"\" c\")");
                case '"':
                    inQuotes = true;
                    quoteLine = line;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    yield return (recordLine, fields.ToArray());
                    fields.Clear();
                    line++;
                    recordLine = line;
                    any = false;
                    break;
                default:
                    field.Append(ch);
                    break;
            }
        }

        if (inQuotes)
            throw new CsvFormatException(quoteLine, "a quoted field is never closed");

        if (any)
        {
            fields.Add(field.ToString());
            yield return (recordLine, fields.ToArray());
        }
    }
}
