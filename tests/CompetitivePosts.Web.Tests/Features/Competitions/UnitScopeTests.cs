using CompetitivePosts.Domain;
using CompetitivePosts.Web.Features.Competitions;
using CompetitivePosts.Web.Features.Filings;
using CompetitivePosts.Web.Features.Roster;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitivePosts.Web.Tests.Features.Competitions;

/// <summary>An organizer is scoped to one unit; the organization department sees every unit.</summary>
[Collection(AppTests.Name)]
public class UnitScopeTests(AppFixture app)
{
    private async Task<int> OtherUnitIdAsync()
    {
        await using var db = app.NewDb();
        return await db.Units.Where(u => u.Name != Data.DemoSeeder.UnitName).Select(u => u.Id).FirstAsync();
    }

    [Fact]
    public async Task ListAsync_OrganizerOfAnotherUnit_SeesNoneOfThisUnitsCompetitions()
    {
        var s = await app.OpenForVotingAsync();
        var outsider = Scenarios.Organizer(await OtherUnitIdAsync());
        using var scope = app.Services.CreateScope();
        var handler = scope.ServiceProvider.GetRequiredService<CompetitionsHandler>();

        var theirs = await handler.ListAsync(outsider);
        var ours = await handler.ListAsync(Scenarios.Organizer(await app.DemoUnitIdAsync()));

        Assert.DoesNotContain(theirs, c => c.Id == s.CompetitionId);
        Assert.Contains(ours, c => c.Id == s.CompetitionId); // control: the row exists and is visible to its unit
    }

    [Fact]
    public async Task AddCadreAsync_OrganizerOfAnotherUnit_IsRefusedAndNothingSaved()
    {
        using var scope = app.Services.CreateScope();
        var unit = await app.DemoUnitIdAsync();
        var id = await scope.ServiceProvider.GetRequiredService<CompetitionsHandler>().CreateAsync(Scenarios.Organizer(unit), unit, "范围测试");
        var roster = scope.ServiceProvider.GetRequiredService<RosterHandler>();

        var ex = await Assert.ThrowsAsync<DomainException>(() =>
            roster.AddCadreAsync(id, Scenarios.Organizer(unit + 1000), "外人", VoterCategory.C));

        Assert.Equal("You may not manage this unit's competition.", ex.MessageKey);
        Assert.Empty((await roster.GetAsync(id, Scenarios.Organizer(unit))).Cadres);
    }

    [Fact]
    public async Task ListAsync_OrganizerAskingForFilings_IsRefused()
    {
        using var scope = app.Services.CreateScope();
        var filings = scope.ServiceProvider.GetRequiredService<FilingsHandler>();

        var organizer = Scenarios.Organizer(await app.DemoUnitIdAsync());

        await Assert.ThrowsAsync<DomainException>(() => filings.ListAsync(organizer));
        Assert.NotNull(await filings.ListAsync(Scenarios.Reviewer));
    }

    [Fact]
    public async Task ReviewerActor_CanViewButNotManage()
    {
        var s = await app.OpenForVotingAsync();
        await using var db = app.NewDb();
        var unitId = await db.Competitions.Where(c => c.Id == s.CompetitionId).Select(c => c.UnitId).SingleAsync();

        Assert.True(Scenarios.Reviewer.CanView(unitId));
        Assert.False(Scenarios.Reviewer.CanManage(unitId));
    }

    [Fact]
    public async Task CreateUnitAsync_AdministratorAddsUnitButOrganizerCannot()
    {
        using var scope = app.Services.CreateScope();
        var handler = scope.ServiceProvider.GetRequiredService<CompetitionsHandler>();
        var admin = new Web.Features.Common.Actor("管理员", true, false, false, null);
        var name = "测试单位-" + Guid.NewGuid().ToString("N")[..6];

        var organizer = Scenarios.Organizer(await app.DemoUnitIdAsync());

        await Assert.ThrowsAsync<DomainException>(() => handler.CreateUnitAsync(organizer, name));
        var id = await handler.CreateUnitAsync(admin, name);
        var duplicate = await Assert.ThrowsAsync<DomainException>(() => handler.CreateUnitAsync(admin, name));

        Assert.Contains(await handler.UnitsAsync(admin), u => u.Id == id && u.Name == name);
        Assert.Equal("There is already a unit named {0}.", duplicate.MessageKey);
    }
}
