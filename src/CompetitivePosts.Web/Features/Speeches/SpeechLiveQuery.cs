using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Speeches;

public sealed record LiveSpeaker(int CadreId, int Order, string Name, string Posts);

/// <summary>
/// What the control panel and the projector show, sent over SignalR as JSON. Times are server
/// time: <see cref="ElapsedMs"/> is how long the clock had run at <see cref="ServerNow"/> (Unix ms),
/// so a screen counts on locally from its own receipt and never needs ticks.
/// </summary>
public sealed record SpeechLiveDto(
    int CompetitionId,
    string CompetitionName,
    string Phase,
    string Segment,
    LiveSpeaker? Current,
    LiveSpeaker? Next,
    long DurationMs,
    long ElapsedMs,
    long ServerNow,
    int Finished,
    int Total,
    int Revision,
    string? Venue,
    long? LinkExpiresAt = null);

/// <summary>The live state of one competition's speech day. Callers check access first.</summary>
public sealed class SpeechLiveQuery(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public async Task<(SpeechLiveDto State, int UnitId)?> GetAsync(int competitionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.CompetitionAggregate.AsNoTracking().FirstOrDefaultAsync(x => x.Id == competitionId, ct);
        return c is null ? null : (Of(c, clock.GetUtcNow()), c.UnitId);
    }

    public static SpeechLiveDto Of(Competition c, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(c);
        var live = c.SpeechLiveAt(now);
        var timetable = c.SpeechTimetable();
        LiveSpeaker? Speaker(int? id) => id is { } cadreId && c.SpeechSlots.FirstOrDefault(s => s.CadreId == cadreId) is { } slot
            ? new LiveSpeaker(cadreId, slot.Order, SpeechesQuery.CadreName(c, cadreId), SpeechesQuery.PostsOf(c, cadreId))
            : null;
        var here = live.CurrentCadreId ?? live.NextCadreId;
        var sessionId = timetable.FirstOrDefault(t => t.Slot.CadreId == here).Time?.SessionId;
        var venue = c.SpeechSessions.FirstOrDefault(s => s.Id == sessionId)?.Venue;
        return new SpeechLiveDto(c.Id, c.Name, live.Phase.ToString(), live.Segment.ToString(), Speaker(live.CurrentCadreId), Speaker(live.NextCadreId),
            (long)live.Duration.TotalMilliseconds, (long)live.Elapsed.TotalMilliseconds, now.ToUnixTimeMilliseconds(),
            live.Finished, live.Total, live.Revision, venue);
    }
}
