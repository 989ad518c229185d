namespace CompetitivePosts.Domain.Speeches;

/// <summary>A session's hours as the timetable needs them.</summary>
public sealed record SessionHours(int SessionId, DateOnly Date, TimeOnly Start, TimeOnly End);

/// <summary>When a turn is planned to start; no session means no sessions were planned yet.</summary>
public sealed record PlannedTime(int? SessionId, DateTime? Start, bool PastSessionEnd);

/// <summary>
/// Planned start times: speakers fill the sessions in date and time order, one turn (speech plus
/// questions) after another with a changeover between them, and a turn that would end after its
/// session's end opens the next session. Once the sessions are full, further turns stay in the
/// last session and are marked as running past its end, so the organizer sees a session is missing.
/// </summary>
public static class SpeechTimetable
{
    public static IReadOnlyList<PlannedTime> Plan(IEnumerable<SessionHours> sessions, int turns, TimeSpan turn, TimeSpan changeover)
    {
        var ordered = sessions.OrderBy(s => s.Date).ThenBy(s => s.Start).ToList();
        var planned = new List<PlannedTime>(turns);
        if (ordered.Count == 0)
        {
            planned.AddRange(Enumerable.Repeat(new PlannedTime(null, null, false), turns));
            return planned;
        }

        var index = 0;
        var next = Begin(ordered[0]);
        for (var k = 0; k < turns; k++)
        {
            while (next + turn > Finish(ordered[index]) && index + 1 < ordered.Count)
            {
                index++;
                next = Begin(ordered[index]);
            }

            planned.Add(new PlannedTime(ordered[index].SessionId, next, next + turn > Finish(ordered[index])));
            next += turn + changeover;
        }

        return planned;
    }

    private static DateTime Begin(SessionHours s) => s.Date.ToDateTime(s.Start);

    private static DateTime Finish(SessionHours s) => s.Date.ToDateTime(s.End);
}
