using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Notice;
using CompetitivePosts.Domain.Outcomes;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;
using CompetitivePosts.Web.Features.Notice;
using CompetitivePosts.Web.Features.Outcomes;
using CompetitivePosts.Web.Features.Roster;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitivePosts.Web.Tests.Features.Notice;

/// <summary>The notice's use cases on the database: what they save, what they refuse without saving, and the roster afterwards.</summary>
[Collection(AppTests.Name)]
public class NoticeHandlerTests(AppFixture app)
{
    private static DateOnly Today => ChinaDate.Of(DateTimeOffset.UtcNow);

    private T Get<T>() where T : notnull => app.Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    private CloseNotice.Handler Closer(TimeSpan shift) => new(app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>(), new ShiftedClock(shift));

    private async Task<(VotingScenario S, Actor Organizer)> PublishedAsync()
    {
        var s = await app.AcceptedAsync();
        var organizer = Scenarios.Organizer(await app.DemoUnitIdAsync());
        await Get<PublishNotice.Handler>().HandleAsync(s.CompetitionId, organizer, new PublishNotice.Command(Today, 5, "组织部 0312-1234567"));
        return (s, organizer);
    }

    [Fact]
    public async Task PublishAsync_AcceptedFiling_ListsTheFiledAppointeeAndIsAudited()
    {
        var (s, _) = await PublishedAsync();
        // A control: another accepted competition whose notice is not published.
        var control = await app.AcceptedAsync();

        var view = await Get<NoticeQuery>().GetAsync(s.CompetitionId, Scenarios.Reviewer);
        Assert.Equal(["乙"], view.Notice!.Entries.Select(e => e.CadreName));
        Assert.True(view.Notice.EndsOn >= Today.AddDays(4));
        Assert.Null((await Get<NoticeQuery>().GetAsync(control.CompetitionId, Scenarios.Reviewer)).Notice);
        await using var db = app.NewDb();
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.CompetitionId == s.CompetitionId && e.Action == AuditActions.NoticePublish));
        Assert.Equal(0, await db.AuditEntries.CountAsync(e => e.CompetitionId == control.CompetitionId && e.Action == AuditActions.NoticePublish));
    }

    [Fact]
    public async Task PublishAsync_FourWorkingDaysOrBeforeAcceptance_IsRefusedAndChangesNothing()
    {
        var accepted = await app.AcceptedAsync();
        var deciding = await app.ReadyToDecideAsync();
        var organizer = Scenarios.Organizer(await app.DemoUnitIdAsync());
        var before = await DbSnapshot.TakeAsync(app);

        var shortNotice = await Assert.ThrowsAsync<DomainException>(() =>
            Get<PublishNotice.Handler>().HandleAsync(accepted.CompetitionId, organizer, new PublishNotice.Command(Today, 4, "组织部")));
        await Assert.ThrowsAsync<DomainException>(() =>
            Get<PublishNotice.Handler>().HandleAsync(deciding.CompetitionId, organizer, new PublishNotice.Command(Today, 5, "组织部")));
        await Assert.ThrowsAsync<DomainException>(() =>
            Get<PublishNotice.Handler>().HandleAsync(accepted.CompetitionId, Scenarios.Reviewer, new PublishNotice.Command(Today, 5, "组织部")));

        Assert.Equal("A notice runs for at least {0} working days.", shortNotice.MessageKey);
        before.AssertUnchanged(await DbSnapshot.TakeAsync(app));
    }

    [Fact]
    public async Task CloseAsync_BeforeTheLastWorkingDayEnds_IsRefusedAndChangesNothing()
    {
        var (s, organizer) = await PublishedAsync();
        var before = await DbSnapshot.TakeAsync(app);

        var ex = await Assert.ThrowsAsync<DomainException>(() =>
            Closer(TimeSpan.Zero).HandleAsync(s.CompetitionId, organizer, new CloseNotice.Command("公示期满，无异议。")));

        Assert.Equal("The notice runs until the end of {0} (China time); it cannot close earlier.", ex.MessageKey);
        before.AssertUnchanged(await DbSnapshot.TakeAsync(app));
    }

    [Fact]
    public async Task CloseAsync_StaleVersion_ClashesAndChangesNothing()
    {
        var (s, organizer) = await PublishedAsync();
        var stale = (await Get<NoticeQuery>().GetAsync(s.CompetitionId, organizer)).Notice!.Revision;
        await Get<RecordObjection.Handler>().HandleAsync(s.CompetitionId, organizer, new RecordObjection.Command(Today, "反映其工作作风问题", s.Id("乙"), stale));
        var before = await DbSnapshot.TakeAsync(app);

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() =>
            Get<RecordObjection.Handler>().HandleAsync(s.CompetitionId, organizer, new RecordObjection.Command(Today, "第二件", null, stale)));

        before.AssertUnchanged(await DbSnapshot.TakeAsync(app));
    }

    [Fact]
    public async Task CloseAsync_AfterTheNotice_AppointeeHoldsThePostOnTheRosterAndOutcomesAreFinal()
    {
        var (s, organizer) = await PublishedAsync();
        var objections = Get<RecordObjection.Handler>();
        await objections.HandleAsync(s.CompetitionId, organizer, new RecordObjection.Command(Today, "反映其工作作风问题", s.Id("乙")));
        var unhandled = await Assert.ThrowsAsync<DomainException>(() =>
            Closer(TimeSpan.FromDays(20)).HandleAsync(s.CompetitionId, organizer, new CloseNotice.Command("公示期满")));
        Assert.Equal("Handle every objection before closing the notice: {0}.", unhandled.MessageKey);
        await Get<HandleObjection.Handler>().HandleAsync(s.CompetitionId, organizer,
            new HandleObjection.Command(1, "经核查，反映问题不属实。", ObjectionResult.Unfounded));

        var rosterBefore = await Get<RosterHandler>().GetAsync(s.CompetitionId, organizer);
        await Closer(TimeSpan.FromDays(20)).HandleAsync(s.CompetitionId, organizer, new CloseNotice.Command("公示期满，反映问题经核查不属实，按程序任职。"));

        var roster = await Get<RosterHandler>().GetAsync(s.CompetitionId, organizer);
        Assert.Empty(rosterBefore.Posts.Single(p => p.Details.Name == "综合科科长").HoldersNow);
        Assert.Equal(["乙"], roster.Posts.Single(p => p.Details.Name == "综合科科长").HoldersNow);
        Assert.Empty(roster.Posts.Single(p => p.Details.Name == "综合科副科长").HoldersNow);
        var outcome = await Get<OutcomeQuery>().UnitAsync(s.CompetitionId, organizer);
        Assert.Equal(Outcome.Retained, outcome.Cadres.Single(c => c.Name == "乙").Outcome);
        Assert.Equal((1, 1, 0, 0), (outcome.Figures.Posts > 0 ? 1 : 0, outcome.Figures.Retained, outcome.Figures.Promoted, outcome.Figures.Dropped));
        await using var db = app.NewDb();
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.CompetitionId == s.CompetitionId && e.Action == AuditActions.NoticeClose));
    }

    [Fact]
    public async Task CloseAsync_TwoSeatPost_RosterShowsBothHoldersAndTheControlPostItsOne()
    {
        var s = await app.TwoSeatsInPostAsync();
        var organizer = Scenarios.Organizer(await app.DemoUnitIdAsync());

        var roster = await Get<RosterHandler>().GetAsync(s.CompetitionId, organizer);
        Assert.Equal(["丁", "丙"], roster.Posts.Single(p => p.Name == "综合科副科长").HoldersNow);
        Assert.Equal(["乙"], roster.Posts.Single(p => p.Name == "综合科科长").HoldersNow);
        Assert.Equal("综合科副科长", roster.Cadres.Single(c => c.Name == "丙").PostNow);
        Assert.Equal("综合科副科长", roster.Cadres.Single(c => c.Name == "丁").PostNow);
        Assert.Null(roster.Cadres.Single(c => c.Name == "甲").PostNow);
    }

    [Fact]
    public async Task EditCalendar_AddAndRemove_ChangesTheWorkingDaysAndIsAuditedOnlyForAdministrators()
    {
        var handler = Get<EditCalendar.Handler>();
        var day = new DateOnly(2031, 3, 3);
        var organizer = Scenarios.Organizer(await app.DemoUnitIdAsync());
        var before = await DbSnapshot.TakeAsync(app);
        await Assert.ThrowsAsync<DomainException>(() =>
            handler.AddAsync(organizer, new EditCalendar.Command(day, CalendarDayKind.Holiday, "测试假日")));
        await Assert.ThrowsAsync<DomainException>(() =>
            handler.AddAsync(Scenarios.Administrator, new EditCalendar.Command(day, CalendarDayKind.MakeUpWorkday, "周一调休")));
        before.AssertUnchanged(await DbSnapshot.TakeAsync(app));

        await handler.AddAsync(Scenarios.Administrator, new EditCalendar.Command(day, CalendarDayKind.Holiday, "测试假日"));
        Assert.Equal(new DateOnly(2031, 3, 10), await Get<NoticeQuery>().LastDayAsync(day, 5));
        Assert.Contains(await handler.ListAsync(2031), d => d.Date == day);
        // The seeded 2026 National Day holidays are there as a control.
        Assert.Equal(9, (await handler.ListAsync(2026)).Count(d => d.Name.StartsWith("国庆", StringComparison.Ordinal)));
        await handler.RemoveAsync(Scenarios.Administrator, day);
        Assert.Equal(new DateOnly(2031, 3, 7), await Get<NoticeQuery>().LastDayAsync(day, 5));
        await using var db = app.NewDb();
        Assert.Equal(2, await db.AuditEntries.CountAsync(e => e.Action == AuditActions.CalendarChange && e.Detail!.Contains("2031-03-03")));
    }
}
