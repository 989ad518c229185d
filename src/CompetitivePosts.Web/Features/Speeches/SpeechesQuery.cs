using System.Text.Json;
using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Domain.Speeches;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Speeches;

/// <summary>One candidate's turn as the pages show it; times are China wall-clock times.</summary>
public sealed record SpeechRow(
    int CadreId,
    int Order,
    int DrawnOrder,
    string Name,
    string Posts,
    PostLevel? GroupLevel,
    string? GroupPost,
    SpeechSlotStatus Status,
    string? Reason,
    bool MovedToEnd,
    bool IsCalled,
    int? SessionId,
    DateTime? PlannedStart,
    bool PastSessionEnd);

public sealed record SessionRow(int Id, DateOnly Date, TimeOnly Start, TimeOnly End, string Venue, int Speakers);

public sealed record SpeechPlanView(int SpeechMinutes, int QuestionMinutes, int ChangeoverMinutes, AbsentPolicy AbsentPolicy);

/// <summary>What anyone needs to redo the draw: <see cref="VerificationJson"/> is the input of docs/speech-draw.py.</summary>
public sealed record DrawView(string Seed, int Algorithm, SpeechGrouping Grouping, DateTimeOffset? DrawnAt, string VerificationJson);

public sealed record SpeechesView(
    CompetitionHeader Header,
    SpeechPlanView Plan,
    IReadOnlyList<SessionRow> Sessions,
    DrawView? Draw,
    IReadOnlyList<SpeechRow> Rows,
    int Candidates,
    bool Begun,
    SpeechPhase Phase,
    SpeechLiveDto Live)
{
    public SessionRow? Session(int? id) => Sessions.FirstOrDefault(s => s.Id == id);
}

/// <summary>The speech plan, order and timetable of one competition, for the setup, schedule and notice pages.</summary>
public sealed class SpeechesQuery(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<SpeechesView> GetAsync(int competitionId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.LoadForViewAsync(competitionId, actor, ct);
        var timetable = c.SpeechTimetable();
        var current = c.SpeechProgress?.CurrentCadreId;
        var groups = c.IsSpeechOrderDrawn && c.DrawAlgorithm != SpeechDraw.SplitMix64
            ? c.SpeechGroups(c.SpeechGrouping, c.SpeechSlots.Select(s => s.CadreId))
                .SelectMany(g => g.CadreIds.Select(id => (id, g))).ToDictionary(x => x.id, x => x.g)
            : [];
        var rows = timetable.Select(t =>
        {
            var group = groups.GetValueOrDefault(t.Slot.CadreId);
            return new SpeechRow(t.Slot.CadreId, t.Slot.Order, t.Slot.DrawnOrder, CadreName(c, t.Slot.CadreId), PostsOf(c, t.Slot.CadreId),
                group?.Level, group?.PostId is { } postId ? c.Posts.First(p => p.Id == postId).Name : null,
                t.Slot.Status, t.Slot.StatusReason, t.Slot.MovedToEnd, t.Slot.CadreId == current,
                t.Time.SessionId, t.Time.Start, t.Time.PastSessionEnd);
        }).ToList();
        var sessions = c.SpeechSessions.OrderBy(s => s.Date).ThenBy(s => s.Start)
            .Select(s => new SessionRow(s.Id, s.Date, s.Start, s.End, s.Venue, rows.Count(r => r.SessionId == s.Id)))
            .ToList();
        var plan = new SpeechPlanView(c.SpeechMinutes, c.QuestionMinutes, c.ChangeoverMinutes, c.AbsentPolicy);
        return new SpeechesView(await db.HeaderAsync(c, ct), plan, sessions, Draw(c), rows, c.Candidates.Count(), c.HaveSpeechesBegun,
            c.SpeechProgress?.Phase ?? SpeechPhase.NotStarted, SpeechLiveQuery.Of(c, clock.GetUtcNow()));
    }

    /// <summary>The posts a candidate qualified for, the one they speak under first, then by preference.</summary>
    internal static string PostsOf(Competition c, int cadreId)
    {
        var primary = c.PrimaryApplication(cadreId).PostId;
        return string.Join("、", c.QualifiedApplications.Where(a => a.CadreId == cadreId).OrderBy(a => a.PostId != primary).ThenBy(a => a.Preference)
            .Select(a => c.Posts.First(p => p.Id == a.PostId).Name));
    }

    internal static string CadreName(Competition c, int cadreId) => c.Cadres.First(x => x.Id == cadreId).Name;

    private static DrawView? Draw(Competition c)
    {
        if (c.DrawSeed is null || c.DrawAlgorithm is not { } algorithm)
        {
            return null;
        }

        var drawn = c.SpeechSlots.OrderBy(s => s.DrawnOrder).ToList();
        var input = new
        {
            algorithm,
            seed = c.DrawSeed,
            groups = drawn.GroupBy(s => s.DrawGroup).OrderBy(g => g.Key).Select(g => g.Select(s => s.CadreId).Order().ToArray()).ToArray(),
            order = drawn.Select(s => s.CadreId).ToArray(),
            names = drawn.OrderBy(s => s.CadreId).ToDictionary(s => s.CadreId.ToString(System.Globalization.CultureInfo.InvariantCulture), s => CadreName(c, s.CadreId)),
        };
        return new DrawView(c.DrawSeed, algorithm, c.SpeechGrouping, c.DrawnAt, JsonSerializer.Serialize(input, Compact));
    }
}
