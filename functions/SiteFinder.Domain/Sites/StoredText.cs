using System.Globalization;

namespace SiteFinder.Domain.Sites;

/// <summary>
/// What text the finder stores: no control characters other than tab, line feed and carriage return. A NUL or
/// an escape sequence stored in a name reaches every resident's screen and every export; tabs and line breaks
/// are kept, since a cell of notes or hours edited in Excel may hold them.
/// </summary>
public static class StoredText
{
    /// <summary>Why the text cannot be stored, or null when it can.</summary>
    public static string? Problem(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsControl(text[i]) && text[i] is not ('\t' or '\n' or '\r'))
                return string.Create(CultureInfo.InvariantCulture, $"contains the control character U+{(int)text[i]:X4} at character {i + 1}");
        }

        return null;
    }
}
