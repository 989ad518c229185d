namespace CompetitivePosts.Domain.Notice;

public enum CalendarDayKind
{
    /// <summary>法定节假日 (or a day off moved into the holiday): no work although it may be a weekday.</summary>
    Holiday = 1,

    /// <summary>调休上班: a Saturday or Sunday worked to make up for a moved day off.</summary>
    MakeUpWorkday = 2,
}

/// <summary>One configured day of the national calendar; an administrator keeps the list (audited).</summary>
public class CalendarDay
{
    private CalendarDay() { Name = ""; }

    public CalendarDay(DateOnly date, CalendarDayKind kind, string name)
    {
        Name = Guard.Required(name, "Name the holiday or make-up day.", 50);
        if (kind == CalendarDayKind.MakeUpWorkday && !WorkingDayCalendar.IsWeekend(date))
        {
            throw new DomainException("A make-up working day (调休) falls on a Saturday or Sunday; {0} is a weekday.", date);
        }

        if (!Enum.IsDefined(kind))
        {
            throw new DomainException("Choose whether the day is a holiday or a make-up working day.");
        }

        Date = date;
        Kind = kind;
    }

    public DateOnly Date { get; private set; }

    public CalendarDayKind Kind { get; private set; }

    public string Name { get; private set; }
}

/// <summary>
/// China's working days: Monday to Friday, except configured holidays, plus configured make-up
/// working days (调休) on weekends. Dates are calendar dates in China Standard Time; an instant is
/// turned into one with <see cref="ChinaDate.Of"/>, so a server in another zone counts the same days.
/// </summary>
public sealed class WorkingDayCalendar
{
    private readonly Dictionary<DateOnly, CalendarDayKind> _days;

    public WorkingDayCalendar(IEnumerable<CalendarDay> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        _days = [];
        foreach (var day in days)
        {
            if (!_days.TryAdd(day.Date, day.Kind))
            {
                throw new DomainException("{0} is listed twice in the calendar.", day.Date);
            }
        }
    }

    public static WorkingDayCalendar WeekdaysOnly { get; } = new([]);

    public static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    public bool IsWorkingDay(DateOnly date) => _days.TryGetValue(date, out var kind)
        ? kind == CalendarDayKind.MakeUpWorkday
        : !IsWeekend(date);

    /// <summary>
    /// The last day of a period of <paramref name="workingDays"/> working days that begins on
    /// <paramref name="start"/>: the start counts when it is a working day, otherwise the period
    /// begins on the next one.
    /// </summary>
    public DateOnly LastDay(DateOnly start, int workingDays)
    {
        if (workingDays < 1)
        {
            throw new DomainException("A period has at least one working day.");
        }

        var day = start;
        var counted = 0;
        while (true)
        {
            if (IsWorkingDay(day) && ++counted == workingDays)
            {
                return day;
            }

            day = day.AddDays(1);
        }
    }

    /// <summary>Working days from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        var n = 0;
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            if (IsWorkingDay(d))
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>True once <paramref name="lastDay"/> has ended in China, whatever the server's zone.</summary>
    public static bool HasEnded(DateOnly lastDay, DateTimeOffset now) => ChinaDate.Of(now) > lastDay;
}
