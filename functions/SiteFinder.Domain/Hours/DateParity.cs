namespace SiteFinder.Domain.Hours;

/// <summary>
/// Which days of the month an opening holds on (单号/双号: odd or even day of the month in Asia/Shanghai).
/// The 31st and the 1st are both odd, so odd dates do not simply alternate.
/// </summary>
public enum DateParity
{
    /// <summary>Every date: the ordinary weekly opening.</summary>
    Any,

    /// <summary>单号, 单数日, 单日: the 1st, 3rd, …, 31st.</summary>
    Odd,

    /// <summary>双号, 双数日, 每逢双日: the 2nd, 4th, …, 30th.</summary>
    Even,
}
