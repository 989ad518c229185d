namespace CompetitivePosts.Domain;

/// <summary>The calendar date in China (UTC+8, no daylight saving since 1991) of a server instant.</summary>
public static class ChinaDate
{
    public static DateOnly Of(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(TimeSpan.FromHours(8)).DateTime);

    /// <summary>
    /// Whole years from <paramref name="from"/> to <paramref name="on"/>: an anniversary counts on its
    /// own month and day. Someone born on 29 February completes a year on 1 March of a common year,
    /// because 28 February comes before their month and day.
    /// </summary>
    public static int CompletedYears(DateOnly from, DateOnly on)
    {
        var years = on.Year - from.Year;
        if (on.Month < from.Month || (on.Month == from.Month && on.Day < from.Day))
        {
            years--;
        }

        return years;
    }
}
