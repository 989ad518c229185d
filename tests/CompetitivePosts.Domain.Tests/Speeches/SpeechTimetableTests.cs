using CompetitivePosts.Domain.Speeches;

namespace CompetitivePosts.Domain.Tests.Speeches;

public class SpeechTimetableTests
{
    private static readonly DateOnly Day1 = new(2009, 6, 18);
    private static readonly DateOnly Day2 = new(2009, 6, 19);

    private static DateTime At(DateOnly day, int hour, int minute) => day.ToDateTime(new TimeOnly(hour, minute));

    [Fact]
    public void Plan_SessionsOnTwoDays_FillsEachInTurnWithSpeechQuestionsAndChangeover()
    {
        // A turn is 5 + 3 = 8 minutes, the next starts 2 minutes after: every 10 minutes.
        // Morning 08:30–09:00 takes three turns (the third ends 08:58); the afternoon 14:00–14:25
        // takes two (14:18 would end 14:26); the next day takes the rest. Sessions are given out of order.
        SessionHours[] sessions =
        [
            new(3, Day2, new TimeOnly(9, 0), new TimeOnly(11, 0)),
            new(1, Day1, new TimeOnly(8, 30), new TimeOnly(9, 0)),
            new(2, Day1, new TimeOnly(14, 0), new TimeOnly(14, 25)),
        ];

        var plan = SpeechTimetable.Plan(sessions, 7, TimeSpan.FromMinutes(8), TimeSpan.FromMinutes(2));

        Assert.Equal(
            [
                (1, At(Day1, 8, 30)), (1, At(Day1, 8, 40)), (1, At(Day1, 8, 50)),
                (2, At(Day1, 14, 0)), (2, At(Day1, 14, 10)),
                (3, At(Day2, 9, 0)), (3, At(Day2, 9, 10)),
            ],
            plan.Select(p => (p.SessionId!.Value, p.Start!.Value)));
        Assert.All(plan, p => Assert.False(p.PastSessionEnd));
    }

    [Fact]
    public void Plan_MoreTurnsThanTheSessionsHold_MarksTheOverflowPastTheLastSessionsEnd()
    {
        SessionHours[] sessions = [new(1, Day1, new TimeOnly(9, 0), new TimeOnly(9, 20))];

        var plan = SpeechTimetable.Plan(sessions, 4, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5));

        Assert.Equal([At(Day1, 9, 0), At(Day1, 9, 10), At(Day1, 9, 20), At(Day1, 9, 30)], plan.Select(p => p.Start!.Value));
        Assert.Equal([false, false, true, true], plan.Select(p => p.PastSessionEnd));
    }

    [Fact]
    public void Plan_NoSessions_GivesNoTimes()
    {
        var plan = SpeechTimetable.Plan([], 3, TimeSpan.FromMinutes(5), TimeSpan.Zero);

        Assert.Equal(3, plan.Count);
        Assert.All(plan, p => Assert.Null(p.Start));
    }
}
