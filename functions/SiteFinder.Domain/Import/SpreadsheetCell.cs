namespace SiteFinder.Domain.Import;

/// <summary>
/// Formula injection (CSV injection): a cell whose text starts with = + - @ (or a tab or carriage return,
/// which some spreadsheets skip before one) is run as a formula when an operator opens the file in Excel or
/// WPS, so <c>=HYPERLINK("http://…","点击")</c> in a site's name becomes a live link. Imports store such
/// text exactly as given (it is a resident's or a district's text, and a changed value would not round-trip);
/// what must not happen is that the app writes it into a CSV unguarded. Every CSV the app writes from text
/// goes through <see cref="ForCsv"/>, which prefixes a quote, the spreadsheet's own "this is text" mark.
/// </summary>
public static class SpreadsheetCell
{
    /// <summary>Whether a spreadsheet would read the cell as a formula.</summary>
    public static bool IsFormulaLike(string cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
    }

    /// <summary>The cell as text a spreadsheet shows and does not run.</summary>
    public static string ForCsv(string cell) => IsFormulaLike(cell) ? "'" + cell : cell;
}
