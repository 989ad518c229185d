using System.Globalization;
using CompetitivePosts.Domain;

namespace CompetitivePosts.Web.Features.Common;

/// <summary>Dates as Chinese personnel records write them, read the same way in forms and imports.</summary>
public static class DateText
{
    private static readonly string[] DayFormats =
    [
        "yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyy年M月d日", "yyyyMMdd", "yyyy-M-d H:mm:ss", "yyyy/M/d H:mm:ss", "M/d/yyyy", "M/d/yyyy H:mm:ss",
    ];

    // A month alone ("1970.01") is common in personnel files: it is read as the first of that month.
    private static readonly string[] MonthFormats = ["yyyy.M", "yyyy-M", "yyyy/M", "yyyy年M月", "yyyyMM"];

    public static bool TryParse(string? text, out DateOnly date)
    {
        date = default;
        var t = text?.Trim();
        if (string.IsNullOrEmpty(t))
        {
            return false;
        }

        if (DateTime.TryParseExact(t, DayFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var exact)
            || DateTime.TryParseExact(t, MonthFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out exact))
        {
            date = DateOnly.FromDateTime(exact);
            return true;
        }

        return false;
    }

    /// <summary>Null for empty text; a DomainException naming the text when it is not a date.</summary>
    public static DateOnly? ParseOrNull(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : TryParse(text, out var d) ? d
        : throw new DomainException("“{0}” is not a date; write it as 1975-03-08.", text.Trim());

    public static string Format(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
