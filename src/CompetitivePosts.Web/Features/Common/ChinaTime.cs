using System.Globalization;

namespace CompetitivePosts.Web.Features.Common;

/// <summary>
/// Dates and times are shown in China Standard Time whatever the server's zone. UTC+8 has had no
/// daylight saving since 1991, so a fixed offset is exact and needs no time-zone database.
/// </summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateTimeOffset ToChina(this DateTimeOffset at) => at.ToOffset(Offset);

    /// <summary>"2009-06-18 09:30:05" style: zh-CN convention, unambiguous in English too.</summary>
    public static string Format(DateTimeOffset at, bool seconds = false) =>
        at.ToChina().ToString(seconds ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string FormatDate(DateTimeOffset at) => at.ToChina().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
