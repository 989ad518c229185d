using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Web.Features.Common;
using CompetitivePosts.Web.Features.Decisions;
using CompetitivePosts.Web.Features.Filings;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitivePosts.Web.Tests.Features.Filings;

/// <summary>Whoever decided or filed a competition cannot accept or refuse its filing (read from the audit trail).</summary>
[Collection(AppTests.Name)]
public class SeparationOfDutiesTests(AppFixture app)
{
    private async Task<(int Id, int Unit)> FiledAsync(Actor decider, Actor filer)
    {
        var s = await app.ReadyToDecideAsync();
        using var scope = app.Services.CreateScope();
        var decisions = scope.ServiceProvider.GetRequiredService<DecisionsHandler>();
        await decisions.DecideAsync(s.CompetitionId, decider, await app.PostIdAsync(s.CompetitionId, "综合科科长"), s.Id("乙"), null);
        await app.RecordMeetingAsync(s.CompetitionId, decider);
        await decisions.SubmitFilingAsync(s.CompetitionId, filer);
        return (s.CompetitionId, await app.DemoUnitIdAsync());
    }

    [Fact]
    public async Task AcceptAsync_AdministratorWhoDecidedAndFiled_IsRefusedAndAnotherReviewerAccepts()
    {
        var unit = await app.DemoUnitIdAsync();
        // An administrator who was also made the unit's organizer and a reviewer: every role, one person.
        var admin = new Actor("兼任管理员", ActorRoles.Administrator | ActorRoles.Organizer | ActorRoles.Reviewer, [unit], "sod-admin-" + Guid.NewGuid().ToString("N")[..6]);
        var (id, _) = await FiledAsync(admin, admin);
        using var scope = app.Services.CreateScope();
        var filings = scope.ServiceProvider.GetRequiredService<FilingsHandler>();
        var before = await DbSnapshot.TakeAsync(app);

        var accept = await Assert.ThrowsAsync<DomainException>(() => filings.AcceptAsync(id, admin, "自己审自己"));
        var refuse = await Assert.ThrowsAsync<DomainException>(() => filings.RefuseAsync(id, admin, "自己审自己"));

        before.AssertUnchanged(await DbSnapshot.TakeAsync(app));
        Assert.Equal("You decided or filed this competition, so you may not review its filing.", accept.MessageKey);
        Assert.Equal(accept.MessageKey, refuse.MessageKey);
        Assert.False(await filings.MayReviewAsync(id, admin));
        // control: a reviewer who took no part may review, and does.
        Assert.True(await filings.MayReviewAsync(id, Scenarios.Reviewer));
        await filings.AcceptAsync(id, Scenarios.Reviewer, null);
        await using var db = app.NewDb();
        Assert.Equal(CompetitionStatus.Accepted, await db.Competitions.Where(c => c.Id == id).Select(c => c.Status).SingleAsync());
    }

    [Fact]
    public async Task RefuseAsync_ReviewerWhoOnlyFiled_IsRefused()
    {
        var unit = await app.DemoUnitIdAsync();
        var filer = new Actor("兼任审核人", ActorRoles.Organizer | ActorRoles.Reviewer, [unit], "sod-filer-" + Guid.NewGuid().ToString("N")[..6]);
        var (id, _) = await FiledAsync(Scenarios.Organizer(unit), filer);
        using var scope = app.Services.CreateScope();
        var filings = scope.ServiceProvider.GetRequiredService<FilingsHandler>();

        var refused = await Assert.ThrowsAsync<DomainException>(() => filings.RefuseAsync(id, filer, "理由"));

        Assert.Equal("You decided or filed this competition, so you may not review its filing.", refused.MessageKey);
        // control: the same competition can be refused by an uninvolved reviewer.
        await filings.RefuseAsync(id, Scenarios.Reviewer, "理由不充分");
        await using var db = app.NewDb();
        Assert.Equal(CompetitionStatus.Deciding, await db.Competitions.Where(c => c.Id == id).Select(c => c.Status).SingleAsync());
    }

    [Fact]
    public async Task AcceptAsync_ReviewerWhoOrganizesTheUnitButTookNoPart_IsRefusedAndNothingChanges()
    {
        var unit = await app.DemoUnitIdAsync();
        // Another organizer of the same unit, also a reviewer: not on the trail for this competition, but one of its organizers.
        var colleague = new Actor("同单位审核人", ActorRoles.Organizer | ActorRoles.Reviewer, [unit], "sod-colleague-" + Guid.NewGuid().ToString("N")[..6]);
        var (id, _) = await FiledAsync(Scenarios.Organizer(unit), Scenarios.Organizer(unit));
        using var scope = app.Services.CreateScope();
        var filings = scope.ServiceProvider.GetRequiredService<FilingsHandler>();
        var before = await DbSnapshot.TakeAsync(app);

        var accept = await Assert.ThrowsAsync<DomainException>(() => filings.AcceptAsync(id, colleague, null));

        before.AssertUnchanged(await DbSnapshot.TakeAsync(app));
        Assert.Equal("You organize this unit's competitions, so you may not review its filing.", accept.MessageKey);
        Assert.False(await filings.MayReviewAsync(id, colleague));
        // control: a reviewer of the organization department, who organizes no unit, may.
        Assert.True(await filings.MayReviewAsync(id, Scenarios.Reviewer));
    }
}
