using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Domain.Decisions;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Decisions;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CompetitivePosts.Web.Tests.Features.Decisions;

/// <summary>
/// <see cref="DecisionsHandler"/> on PostgreSQL with real ballots (<see cref="Scenarios.ReadyToDecideAsync"/>: 乙 100 %,
/// 丙 55 % for 综合科科长). Each test has a control competition whose rows must not move.
/// </summary>
[Collection(AppTests.Name)]
public class DecisionsHandlerTests(AppFixture app)
{
    private async Task<(VotingScenario S, int Post, DecisionsHandler Handler, IServiceScope Scope)> ReadyAsync()
    {
        var s = await app.ReadyToDecideAsync();
        var scope = app.Services.CreateScope();
        return (s, await app.PostIdAsync(s.CompetitionId, "综合科科长"), scope.ServiceProvider.GetRequiredService<DecisionsHandler>(), scope);
    }

    [Fact]
    public async Task GetAsync_StandingsFromStoredBallots_ScoredByTheAggregate()
    {
        var (s, _, handler, scope) = await ReadyAsync();
        using var _ = scope;
        var control = await app.ReadyToDecideAsync();
        var organizer = Scenarios.Organizer(await app.DemoUnitIdAsync());

        var view = await handler.GetAsync(s.CompetitionId, organizer);

        var chief = view.Posts.Single(p => p.PostName == "综合科科长");
        Assert.Equal([("乙", 1, 100m), ("丙", 2, 55m)], chief.Standings.Select(x => (x.Name, x.Rank, x.Percent)));
        Assert.Equal(4, view.TotalBallots);
        Assert.True(chief.HasEligibleApplicant);
        // control: the other competition's identical ballots are its own, not added to these.
        Assert.Equal(4, (await handler.GetAsync(control.CompetitionId, organizer)).TotalBallots);
    }

    [Fact]
    public async Task DecideAsync_PassingOverTopWithoutJustification_IsRefusedAndNothingIsWritten()
    {
        var (s, post, handler, scope) = await ReadyAsync();
        using var _ = scope;
        var organizer = Scenarios.Organizer(await app.DemoUnitIdAsync());
        var control = await app.ReadyToDecideAsync();
        await handler.DecideAsync(control.CompetitionId, organizer, await app.PostIdAsync(control.CompetitionId, "综合科科长"), control.Id("乙"), null);
        var before = await DbSnapshot.TakeAsync(app);

        var none = await Assert.ThrowsAsync<DomainException>(() => handler.DecideAsync(s.CompetitionId, organizer, post, s.Id("丙"), null));
        var dot = await Assert.ThrowsAsync<DomainException>(() => handler.DecideAsync(s.CompetitionId, organizer, post, s.Id("丙"), "。"));

        before.AssertUnchanged(await DbSnapshot.TakeAsync(app));
        Assert.Contains("category", none.MessageKey, StringComparison.Ordinal);
        Assert.Contains("at least", dot.MessageKey, StringComparison.Ordinal);
        await handler.DecideAsync(s.CompetitionId, organizer, post, s.Id("丙"), DecisionSteps.Reason);
        await using var db = app.NewDb();
        var saved = await db.Set<Decision>().Where(d => d.CompetitionId == s.CompetitionId).SingleAsync();
        Assert.Equal((s.Id("丙"), JustificationCategory.WorkNeeds, DecisionSteps.Reason), (saved.AppointeeId!.Value, saved.Category!.Value, saved.Justification!));
        // control: the other competition's decision is untouched.
        Assert.Equal(control.Id("乙"), await db.Set<Decision>().Where(d => d.CompetitionId == control.CompetitionId).Select(d => d.AppointeeId).SingleAsync());
    }

    [Fact]
    public async Task DecideAsync_StaleVersion_ClashesAndChangesNothing()
    {
        var (s, post, handler, scope) = await ReadyAsync();
        using var _ = scope;
        var organizer = Scenarios.Organizer(await app.DemoUnitIdAsync());
        await handler.DecideAsync(s.CompetitionId, organizer, post, s.Id("乙"), null);
        var loaded = (await handler.GetAsync(s.CompetitionId, organizer)).Posts.Single(p => p.PostId == post).Decisions[0]!.Version;
        // Another organizer leaves the post vacant meanwhile.
        await handler.DecideAsync(s.CompetitionId, organizer, new DecisionInput(post, 1, null, VacancyReason: "另行研究"), loaded);
        var before = await DbSnapshot.TakeAsync(app);

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() =>
            handler.DecideAsync(s.CompetitionId, organizer, new DecisionInput(post, 1, s.Id("乙")), loaded));

        before.AssertUnchanged(await DbSnapshot.TakeAsync(app));
        await using var db = app.NewDb();
        Assert.Equal("另行研究", await db.Set<Decision>().Where(d => d.CompetitionId == s.CompetitionId).Select(d => d.VacancyReason).SingleAsync());
    }

    [Fact]
    public async Task SubmitFilingAsync_FreezesTheVersionWithTheAuditHead_AndTheDatabaseRefusesToChangeIt()
    {
        var (s, post, handler, scope) = await ReadyAsync();
        using var _ = scope;
        var organizer = Scenarios.Organizer(await app.DemoUnitIdAsync());
        await handler.DecideAsync(s.CompetitionId, organizer, post, s.Id("乙"), null);
        await app.RecordMeetingAsync(s.CompetitionId, organizer);
        await using var db = app.NewDb();
        var head = await db.AuditHeads.AsNoTracking().SingleAsync(h => h.CompetitionId == s.CompetitionId);

        await handler.SubmitFilingAsync(s.CompetitionId, organizer);

        var filing = await db.Set<Filing>().AsNoTracking().SingleAsync(f => f.CompetitionId == s.CompetitionId);
        var doc = FilingDocument.Parse(filing.Document);
        Assert.Equal(FilingDocument.HashOf(filing.Document), filing.Sha256);
        Assert.Equal(new AuditHead(head.Seq, head.Hash), doc.AuditHead);
        Assert.Equal("乙", doc.Decisions.Single().AppointeeName);
        Assert.Equal(4, doc.Tally.Turnout.Sum(t => t.Ballots));
        Assert.Equal(4, doc.Tally.Candidates.Single(c => c.Name == "乙").Counts.Values.Sum(c => c.Agree));
        Assert.Equal(["甲"], doc.Meeting.Attendees);
        Assert.NotNull(doc.SpeechOrder.Seed);
        Assert.Equal(ChinaDateOf(filing.SubmittedAt).AddDays(7), filing.DueOn);
        var id = filing.Id;
        var edit = await Assert.ThrowsAsync<PostgresException>(() =>
            db.Database.ExecuteSqlAsync($"""UPDATE "Filing" SET "Document" = 'x' WHERE "Id" = {id}"""));
        var delete = await Assert.ThrowsAsync<PostgresException>(() =>
            db.Database.ExecuteSqlAsync($"""DELETE FROM "Filing" WHERE "Id" = {id}"""));
        Assert.Contains("frozen", edit.MessageText, StringComparison.Ordinal);
        Assert.Contains("frozen", delete.MessageText, StringComparison.Ordinal);
        Assert.Equal(filing.Sha256, await db.Set<Filing>().Where(f => f.Id == id).Select(f => f.Sha256).SingleAsync());
    }

    [Fact]
    public async Task SubmitFilingAsync_WithoutMeeting_IsRefusedAndNothingIsWritten()
    {
        var (s, post, handler, scope) = await ReadyAsync();
        using var _ = scope;
        var organizer = Scenarios.Organizer(await app.DemoUnitIdAsync());
        await handler.DecideAsync(s.CompetitionId, organizer, post, s.Id("乙"), null);
        var before = await DbSnapshot.TakeAsync(app);

        var ex = await Assert.ThrowsAsync<DomainException>(() => handler.SubmitFilingAsync(s.CompetitionId, organizer));

        before.AssertUnchanged(await DbSnapshot.TakeAsync(app));
        Assert.Contains("meeting", ex.MessageKey, StringComparison.Ordinal);
    }

    private static DateOnly ChinaDateOf(DateTimeOffset at) => ChinaDate.Of(at);
}
