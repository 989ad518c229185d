using System.Text.Json;
using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Speeches;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;
using CompetitivePosts.Web.Features.Speeches;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitivePosts.Web.Tests.Features.Speeches;

/// <summary>The speech-day use cases on a real PostgreSQL: draw, verify, manual changes with reasons, the clock, and races.</summary>
[Collection(AppTests.Name)]
public class SpeechDayHandlerTests(AppFixture app)
{
    private static readonly string[] PrincipalFirst = [.. new[] { "李明华", "王建国", "陈志强" }.Order()];

    private T Get<T>()
        where T : notnull => app.Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    /// <summary>What a refused change must leave untouched: the order, the statuses, the sessions and the audit chain.</summary>
    private async Task<string> SnapshotAsync(int competitionId)
    {
        await using var db = app.NewDb();
        var slots = await db.Competitions.Where(c => c.Id == competitionId).SelectMany(c => c.SpeechSlots)
            .OrderBy(s => s.CadreId).Select(s => $"{s.CadreId}:{s.Order}:{s.Status}:{s.StatusReason}").ToListAsync();
        var sessions = await db.Set<SpeechSession>().CountAsync(s => s.CompetitionId == competitionId);
        var head = await db.AuditHeads.Where(h => h.CompetitionId == competitionId).Select(h => h.Seq + ":" + h.Hash).SingleAsync();
        return string.Join("|", slots) + $"#sessions={sessions}#head={head}";
    }

    [Fact]
    public async Task DrawSpeechOrder_ThroughTheHandler_RecordsA256BitSeedThatVerifies()
    {
        var s = await app.AtSpeechesAsync();
        var organizer = Scenarios.Organizer(s.UnitId);

        await Get<DrawSpeechOrder.Handler>().HandleAsync(new DrawSpeechOrder.Command(s.CompetitionId, SpeechGrouping.ByRank), organizer);

        var view = await Get<SpeechesQuery>().GetAsync(s.CompetitionId, organizer);
        Assert.Matches("^[0-9a-f]{64}$", view.Draw!.Seed);
        Assert.Equal(SpeechDraw.CurrentVersion, view.Draw.Algorithm);
        Assert.Equal(6, view.Rows.Count);
        // 王建国, 李明华 and 陈志强 applied for principal posts first; 赵丽萍's first post is the deputy one.
        Assert.Equal(PrincipalFirst, view.Rows.Take(3).Select(r => r.Name).Order());
        var check = await Get<VerifySpeechDraw.Handler>().HandleAsync(s.CompetitionId, organizer);
        Assert.True(check.Holds);
        Assert.Equal(view.Rows.Select(r => r.Name), check.Recomputed);

        // The seed is on the hash-chained trail, so nobody can swap it afterwards unnoticed.
        await using var db = app.NewDb();
        var entry = await db.AuditEntries.SingleAsync(e => e.CompetitionId == s.CompetitionId && e.Action == AuditActions.SpeechDraw);
        Assert.Contains(view.Draw.Seed, entry.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerificationJson_FedToTheDocumentedPython_MatchesTheRecordedOrder()
    {
        var s = await app.AtSpeechesAsync(drawn: true);
        var view = await Get<SpeechesQuery>().GetAsync(s.CompetitionId, Scenarios.Organizer(s.UnitId));
        Assert.True((await Get<VerifySpeechDraw.Handler>().HandleAsync(s.CompetitionId, Scenarios.Reviewer)).Holds);
        var file = Path.Combine(Path.GetTempPath(), "draw-" + Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(file, view.Draw!.VerificationJson);
        try
        {
            var (code, output) = await RunAsync("python3", Path.Combine(Repository.Root, "docs", "speech-draw.py"), file);

            Assert.Equal(0, code);
            Assert.Contains("matches the recorded order", output, StringComparison.Ordinal);
            Assert.Contains(string.Join(" ", view.Rows.OrderBy(r => r.DrawnOrder).Select(r => r.Name)), output, StringComparison.Ordinal);

            // control: the script does notice a recorded order that the seed does not give
            var json = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(view.Draw.VerificationJson)!;
            var order = json["order"].EnumerateArray().Select(e => e.GetInt32()).ToArray();
            (order[0], order[1]) = (order[1], order[0]);
            var tampered = view.Draw.VerificationJson.Replace(json["order"].GetRawText(), JsonSerializer.Serialize(order), StringComparison.Ordinal);
            await File.WriteAllTextAsync(file, tampered);
            var (badCode, badOutput) = await RunAsync("python3", Path.Combine(Repository.Root, "docs", "speech-draw.py"), file);
            Assert.Equal(1, badCode);
            Assert.Contains("DOES NOT match", badOutput, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task MoveSpeaker_WithoutAReason_IsRefusedAndNothingChanges_WithOneIsAudited()
    {
        var s = await app.AtSpeechesAsync(drawn: true);
        var organizer = Scenarios.Organizer(s.UnitId);
        var rows = (await Get<SpeechesQuery>().GetAsync(s.CompetitionId, organizer)).Rows;
        var last = rows[^1];
        var before = await SnapshotAsync(s.CompetitionId);

        var ex = await Assert.ThrowsAsync<DomainException>(() =>
            Get<MoveSpeaker.Handler>().HandleAsync(new MoveSpeaker.Command(s.CompetitionId, last.CadreId, 1, "  "), organizer));

        Assert.Equal("A manual change needs a reason.", ex.MessageKey);
        Assert.Equal(before, await SnapshotAsync(s.CompetitionId));

        await Get<MoveSpeaker.Handler>().HandleAsync(new MoveSpeaker.Command(s.CompetitionId, last.CadreId, 1, "下午须赴市里开会，提前演讲"), organizer);

        var after = (await Get<SpeechesQuery>().GetAsync(s.CompetitionId, organizer)).Rows;
        Assert.Equal(last.Name, after[0].Name);
        Assert.Equal(rows[0].Name, after[1].Name);
        await using var db = app.NewDb();
        var entry = await db.AuditEntries.Where(e => e.CompetitionId == s.CompetitionId).OrderByDescending(e => e.Seq).FirstAsync();
        Assert.Equal(AuditActions.SpeechMove, entry.Action);
        Assert.Contains("下午须赴市里开会，提前演讲", entry.Detail, StringComparison.Ordinal);
        // control for the snapshot: a saved change does change it
        Assert.NotEqual(before, await SnapshotAsync(s.CompetitionId));
    }

    [Fact]
    public async Task AddSpeechSession_BadInput_IsRefusedWithTheReasonAndNothingSaved()
    {
        var s = await app.AtSpeechesAsync(drawn: true);
        var organizer = Scenarios.Organizer(s.UnitId);
        var handler = Get<AddSpeechSession.Handler>();
        var before = await SnapshotAsync(s.CompetitionId);

        var cases = new (AddSpeechSession.Command Command, string Key)[]
        {
            (new(s.CompetitionId, "2009-13-40", "08:30", "11:30", "第二会议室"), "Enter the session's date."),
            (new(s.CompetitionId, "2009-06-19", "", "11:30", "第二会议室"), "Enter the session's start and end times."),
            (new(s.CompetitionId, "2009-06-19", "11:30", "08:30", "第二会议室"), "A session must end after it starts."),
            (new(s.CompetitionId, "2009-06-19", "08:30", "11:30", " "), "A session needs a venue."),
            (new(s.CompetitionId, "2009-06-18", "08:45", "10:00", "第二会议室"), "This session overlaps the session on {0} from {1}."),
        };
        foreach (var (command, key) in cases)
        {
            var ex = await Assert.ThrowsAsync<DomainException>(() => handler.HandleAsync(command, organizer));
            Assert.Equal(key, ex.MessageKey);
        }

        Assert.Equal(before, await SnapshotAsync(s.CompetitionId));
        await handler.HandleAsync(new(s.CompetitionId, "2009-06-19", "08:30", "11:30", "第二会议室"), organizer); // control
        Assert.NotEqual(before, await SnapshotAsync(s.CompetitionId));
    }

    [Fact]
    public async Task ControlSpeech_OrganizerOfAnotherUnitOrReviewer_IsRefusedAndNothingChanges()
    {
        var s = await app.AtSpeechesAsync(drawn: true);
        var before = await SnapshotAsync(s.CompetitionId);
        var outsider = Scenarios.Organizer(s.UnitId + 1000);

        await Assert.ThrowsAsync<DomainException>(() =>
            Get<ControlSpeech.Handler>().HandleAsync(new ControlSpeech.Command(s.CompetitionId, ControlSpeech.Button.Start), outsider));
        await Assert.ThrowsAsync<DomainException>(() =>
            Get<ControlSpeech.Handler>().HandleAsync(new ControlSpeech.Command(s.CompetitionId, ControlSpeech.Button.Start), Scenarios.Reviewer));

        Assert.Equal(before, await SnapshotAsync(s.CompetitionId));
        await Get<ControlSpeech.Handler>().HandleAsync(new ControlSpeech.Command(s.CompetitionId, ControlSpeech.Button.Start), Scenarios.Organizer(s.UnitId));
        var live = (await Get<SpeechesQuery>().GetAsync(s.CompetitionId, Scenarios.Reviewer)).Live; // reviewers may watch
        Assert.Equal("Running", live.Phase);
    }

    [Fact]
    public async Task SaveChanges_TwoPanelsChangingTheSameRevision_SecondIsRefusedByTheConcurrencyToken()
    {
        var s = await app.AtSpeechesAsync(drawn: true);
        var organizer = Scenarios.Organizer(s.UnitId);
        var now = DateTimeOffset.UtcNow;
        await using var first = app.NewDb();
        await using var second = app.NewDb();
        var a = await first.LoadForChangeAsync(s.CompetitionId, organizer, CancellationToken.None);
        var b = await second.LoadForChangeAsync(s.CompetitionId, organizer, CancellationToken.None);
        a.StartSpeech(now);
        b.NextSpeaker(now);

        first.Audit(s.CompetitionId, organizer.Who, AuditActions.SpeechStart);
        await first.SaveChangesAsync();
        second.Audit(s.CompetitionId, organizer.Who, AuditActions.SpeechNext);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        await using var check = app.NewDb();
        var progress = await check.Set<SpeechProgress>().SingleAsync(p => p.CompetitionId == s.CompetitionId);
        Assert.Equal(SpeechPhase.Running, progress.Phase);
        Assert.Equal(1, await check.AuditEntries.CountAsync(e => e.CompetitionId == s.CompetitionId && e.Action.StartsWith("speech.")));
    }

    [Fact]
    public async Task ControlSpeech_StartPauseResume_LiveStateCountsServerTimeWithoutPauses()
    {
        var s = await app.AtSpeechesAsync(drawn: true);
        var organizer = Scenarios.Organizer(s.UnitId);
        var control = Get<ControlSpeech.Handler>();

        await control.HandleAsync(new(s.CompetitionId, ControlSpeech.Button.Start), organizer);
        await control.HandleAsync(new(s.CompetitionId, ControlSpeech.Button.Pause), organizer);
        var paused = (await Get<SpeechLiveQuery>().GetAsync(s.CompetitionId))!.Value.State;
        await Task.Delay(300);
        var stillPaused = (await Get<SpeechLiveQuery>().GetAsync(s.CompetitionId))!.Value.State;
        await control.HandleAsync(new(s.CompetitionId, ControlSpeech.Button.Resume), organizer);

        Assert.Equal("Paused", paused.Phase);
        Assert.Equal(paused.ElapsedMs, stillPaused.ElapsedMs); // a paused clock does not move
        Assert.True(stillPaused.ServerNow > paused.ServerNow);
        Assert.Equal(5 * 60_000, paused.DurationMs);
        Assert.Equal(SpeechScenarios.Candidates.Length, paused.Total);
        await using var db = app.NewDb();
        Assert.Equal(
            [AuditActions.SpeechStart, AuditActions.SpeechPause, AuditActions.SpeechResume],
            await db.AuditEntries.Where(e => e.CompetitionId == s.CompetitionId && e.Action.StartsWith("speech.") && e.Action != AuditActions.SpeechDraw)
                .OrderBy(e => e.Seq).Select(e => e.Action).ToListAsync());
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, params string[] args)
    {
        var info = new System.Diagnostics.ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = System.Diagnostics.Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }
}
