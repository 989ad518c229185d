using System.Globalization;

namespace CompetitivePosts.Web.Features.Speeches;

/// <summary>Session dates and planned times, which are China wall-clock values already (no zone to convert).</summary>
public static class SpeechFormat
{
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Time(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    public static string Time(DateTime? at) => at?.ToString("HH:mm", CultureInfo.InvariantCulture) ?? "—";

    public static string Hours(SessionRow s) => $"{Time(s.Start)}–{Time(s.End)}";
}
