using CompetitivePosts.Domain.Notice;

namespace CompetitivePosts.Domain.Tests.Notice;

public class WorkingDayCalendarTests
{
    // 2026: 国庆 1–7 October off, Saturday 10 October worked (调休).
    private static readonly WorkingDayCalendar NationalDay = new(
    [
        .. Enumerable.Range(1, 7).Select(d => new CalendarDay(new DateOnly(2026, 10, d), CalendarDayKind.Holiday, "国庆节")),
        new CalendarDay(new DateOnly(2026, 10, 10), CalendarDayKind.MakeUpWorkday, "国庆节调休"),
    ]);

    [Fact]
    public void LastDay_PlainWeekStartingMonday_EndsFriday() =>
        Assert.Equal(new DateOnly(2026, 11, 27), WorkingDayCalendar.WeekdaysOnly.LastDay(new DateOnly(2026, 11, 23), 5));

    [Fact]
    public void LastDay_StartingWednesday_SkipsTheWeekend() =>
        Assert.Equal(new DateOnly(2026, 12, 1), WorkingDayCalendar.WeekdaysOnly.LastDay(new DateOnly(2026, 11, 25), 5));

    [Fact]
    public void LastDay_StartingOnSaturday_BeginsOnMonday() =>
        Assert.Equal(new DateOnly(2026, 12, 4), WorkingDayCalendar.WeekdaysOnly.LastDay(new DateOnly(2026, 11, 28), 5));

    [Fact]
    public void LastDay_AcrossHolidayWithMakeUpSaturday_CountsTheSaturdayAndNotTheHoliday()
    {
        // Mon 28 Sep, Tue 29, Wed 30, (1–7 Oct off), Thu 8, Fri 9: five working days end on 9 October …
        Assert.Equal(new DateOnly(2026, 10, 9), NationalDay.LastDay(new DateOnly(2026, 9, 28), 5));
        // … and one more lands on the make-up Saturday 10 October, not on Monday 12 October.
        Assert.Equal(new DateOnly(2026, 10, 10), NationalDay.LastDay(new DateOnly(2026, 9, 28), 6));
    }

    [Fact]
    public void IsWorkingDay_HolidayWeekdayAndMakeUpSaturday_FollowTheCalendar()
    {
        Assert.False(NationalDay.IsWorkingDay(new DateOnly(2026, 10, 5)));
        Assert.True(NationalDay.IsWorkingDay(new DateOnly(2026, 10, 10)));
        Assert.False(NationalDay.IsWorkingDay(new DateOnly(2026, 10, 11)));
        Assert.True(NationalDay.IsWorkingDay(new DateOnly(2026, 10, 12)));
        Assert.Equal(4, NationalDay.WorkingDaysBetween(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 12)));
    }

    [Fact]
    public void HasEnded_AtChinaMidnight_TurnsExactlyAtSixteenHundredUtc()
    {
        var last = new DateOnly(2026, 11, 27);
        // 27 Nov 23:59:59 in Beijing is 15:59:59 UTC; midnight in Beijing is 16:00 UTC.
        Assert.False(WorkingDayCalendar.HasEnded(last, new DateTimeOffset(2026, 11, 27, 15, 59, 59, TimeSpan.Zero)));
        Assert.True(WorkingDayCalendar.HasEnded(last, new DateTimeOffset(2026, 11, 27, 16, 0, 0, TimeSpan.Zero)));
        // A server in New York at 11:30 on 27 Nov local time is already 28 Nov in Beijing.
        Assert.True(WorkingDayCalendar.HasEnded(last, new DateTimeOffset(2026, 11, 27, 11, 30, 0, TimeSpan.FromHours(-5))));
    }

    [Fact]
    public void CalendarDay_MakeUpDayOnAWeekday_IsRefused()
    {
        var ex = Assert.Throws<DomainException>(() => new CalendarDay(new DateOnly(2026, 10, 9), CalendarDayKind.MakeUpWorkday, "错"));
        Assert.StartsWith("A make-up working day", ex.MessageKey, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_SameDateTwice_IsRefused() =>
        Assert.Throws<DomainException>(() => new WorkingDayCalendar(
        [
            new CalendarDay(new DateOnly(2026, 10, 1), CalendarDayKind.Holiday, "国庆节"),
            new CalendarDay(new DateOnly(2026, 10, 1), CalendarDayKind.Holiday, "国庆节"),
        ]));
}
