using System.Net;
using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Audit;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;
using CompetitivePosts.Web.Features.Competitions;
using CompetitivePosts.Web.Features.Users;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitivePosts.Web.Tests.Features.Users;

/// <summary>Administrators create and change accounts; every change is on the system chain, in the change's transaction.</summary>
[Collection(AppTests.Name)]
public class UserManagementTests(AppFixture app)
{
    private const string Strong = "Start#2026ab";

    private static T Handler<T>(IServiceScope scope) where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    private async Task<int> NewUnitAsync()
    {
        using var scope = app.Services.CreateScope();
        return await Handler<CompetitionsHandler>(scope).CreateUnitAsync(Scenarios.Administrator, TestAccounts.NewName("单位"));
    }

    [Fact]
    public async Task CreateUser_OrganizerOfTwoUnits_IsAuditedOnTheSystemChainWithoutThePassword()
    {
        var (a, b) = (await NewUnitAsync(), await NewUnitAsync());
        var name = TestAccounts.NewName("m-two");
        using var scope = app.Services.CreateScope();

        var id = await Handler<CreateUser.Handler>(scope).HandleAsync(Scenarios.Administrator,
            new CreateUser.Command(name, "两单位组织者", ActorRoles.Organizer, [a, b], Strong));

        await using var db = app.NewDb();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == id);
        var units = await db.UserUnits.Where(u => u.UserId == id).Select(u => u.UnitId).OrderBy(u => u).ToListAsync();
        var entry = await db.AuditEntries.AsNoTracking().Where(e => e.CompetitionId == AuditEntry.SystemChain).OrderByDescending(e => e.Seq).FirstAsync();
        Assert.True(user.MustChangePassword);
        Assert.Equal([a, b], units);
        Assert.Equal(AuditActions.AccountCreate, entry.Action);
        Assert.Equal(Scenarios.Administrator.UserId, entry.UserId);
        Assert.Contains(name, entry.Detail, StringComparison.Ordinal);
        Assert.Contains("\"Organizer\"", entry.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(Strong, entry.Detail + entry.After + entry.Before, StringComparison.Ordinal);
        Assert.DoesNotContain(user.PasswordHash!, entry.Detail + entry.After, StringComparison.Ordinal);
        Assert.True((await AuditTrail.VerifyChainAsync(db, AuditEntry.SystemChain)).Intact);
    }

    [Fact]
    public async Task Organizer_OfTwoUnits_OpensBothUnitsCompetitionsAndNoOther()
    {
        var (a, b) = (await NewUnitAsync(), await NewUnitAsync());
        var name = TestAccounts.NewName("m-both");
        await app.EnsureAsync(name, Roles.Organizer, a, b);
        using var scope = app.Services.CreateScope();
        var competitions = Handler<CompetitionsHandler>(scope);
        var organizer = new Actor("两单位", ActorRoles.Organizer, [a, b], "m-both");
        var inA = await competitions.CreateAsync(organizer, a, "甲单位竞争上岗");
        var inB = await competitions.CreateAsync(organizer, b, "乙单位竞争上岗");
        var demo = (await app.OpenForVotingAsync()).CompetitionId;
        using var session = await WebSession.SignInAsync(app, name);

        using var pageA = await session.Http.GetAsync($"/competitions/{inA}/roster");
        using var pageB = await session.Http.GetAsync($"/competitions/{inB}/roster");
        using var pageDemo = await session.Http.GetAsync($"/competitions/{demo}/roster");
        var list = await competitions.ListAsync(organizer);

        Assert.Equal(HttpStatusCode.OK, pageA.StatusCode);
        Assert.Equal(HttpStatusCode.OK, pageB.StatusCode);
        Assert.Contains("/account/denied", pageDemo.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal([inA, inB], list.Select(c => c.Id).Order());
    }

    [Fact]
    public async Task CreateUser_EveryFieldWrong_ReportsEachFieldAndSavesNothing()
    {
        using var scope = app.Services.CreateScope();
        await Handler<CreateUser.Handler>(scope).HandleAsync(Scenarios.Administrator,
            new CreateUser.Command(TestAccounts.NewName("m-dup"), "控制", ActorRoles.Reviewer, [], Strong)); // control: a valid account is created
        var before = await DbSnapshot.TakeAsync(app);

        var ex = await Assert.ThrowsAsync<InvalidInputException>(() => Handler<CreateUser.Handler>(scope).HandleAsync(Scenarios.Administrator,
            new CreateUser.Command("a b", "", ActorRoles.Organizer, [], "password")));

        before.AssertUnchanged(await DbSnapshot.TakeAsync(app));
        Assert.Equal(["Display name", "Password", "Units", "User name"], ex.Errors.Select(e => e.Field).Distinct().Order());
        Assert.Contains(ex.Errors, e => e.Error.MessageKey == "The password must contain an upper-case letter.");
        Assert.Contains(ex.Errors, e => e.Error.MessageKey == "The password must contain a digit.");
    }

    [Fact]
    public async Task CreateUser_CommonPasswordOrOneWithTheUserName_IsRefused()
    {
        using var scope = app.Services.CreateScope();
        var name = TestAccounts.NewName("Zhang");

        var common = await Assert.ThrowsAsync<InvalidInputException>(() => Handler<CreateUser.Handler>(scope).HandleAsync(Scenarios.Administrator,
            new CreateUser.Command(name, "张", ActorRoles.Reviewer, [], "Password123")));
        var containsName = await Assert.ThrowsAsync<InvalidInputException>(() => Handler<CreateUser.Handler>(scope).HandleAsync(Scenarios.Administrator,
            new CreateUser.Command(name, "张", ActorRoles.Reviewer, [], name + "#9X")));

        Assert.Contains(common.Errors, e => e.Error.MessageKey == "This password is too common.");
        Assert.Contains(containsName.Errors, e => e.Error.MessageKey == "The password must not contain the user name.");
        // control: a password that follows the rules creates the account.
        Assert.NotEmpty(await Handler<CreateUser.Handler>(scope).HandleAsync(Scenarios.Administrator,
            new CreateUser.Command(name, "张", ActorRoles.Reviewer, [], Strong)));
    }

    [Fact]
    public async Task UpdateUser_FormLoadedBeforeAnotherAdministratorsChange_IsRefused()
    {
        var id = await app.EnsureAsync(TestAccounts.NewName("m-stale"), Roles.Reviewer);
        using var scope = app.Services.CreateScope();
        var loaded = await Handler<UserQueries>(scope).GetAsync(Scenarios.Administrator, id);
        await Handler<UpdateUser.Handler>(scope).HandleAsync(Scenarios.Administrator,
            new UpdateUser.Command(id, "第一次修改", ActorRoles.Observer, [], loaded.ConcurrencyStamp));
        var before = await DbSnapshot.TakeAsync(app);

        var stale = await Assert.ThrowsAsync<DomainException>(() => Handler<UpdateUser.Handler>(scope).HandleAsync(Scenarios.Administrator,
            new UpdateUser.Command(id, "第二次修改", ActorRoles.Reviewer, [], loaded.ConcurrencyStamp)));

        before.AssertUnchanged(await DbSnapshot.TakeAsync(app));
        Assert.Equal("Someone else changed this account. Reload the page and try again.", stale.MessageKey);
        var now = await Handler<UserQueries>(scope).GetAsync(Scenarios.Administrator, id);
        Assert.Equal(("第一次修改", ActorRoles.Observer), (now.DisplayName, now.Roles));
    }

    [Fact]
    public async Task AdministratorOwnAccount_CannotBeDisabledOrLoseTheRole()
    {
        var name = TestAccounts.NewName("m-admin");
        var id = await app.EnsureAsync(name, Roles.Administrator);
        var self = new Actor(name, ActorRoles.Administrator, [], id);
        using var scope = app.Services.CreateScope();
        var stamp = (await Handler<UserQueries>(scope).GetAsync(self, id)).ConcurrencyStamp;
        var before = await DbSnapshot.TakeAsync(app);

        var disable = await Assert.ThrowsAsync<DomainException>(() => Handler<SetUserDisabled.Handler>(scope).HandleAsync(self, new SetUserDisabled.Command(id, true)));
        var demote = await Assert.ThrowsAsync<DomainException>(() => Handler<UpdateUser.Handler>(scope).HandleAsync(self,
            new UpdateUser.Command(id, "不再是管理员", ActorRoles.Observer, [], stamp)));

        before.AssertUnchanged(await DbSnapshot.TakeAsync(app));
        Assert.Equal("You cannot disable your own account.", disable.MessageKey);
        Assert.Equal("You cannot take away your own administrator role.", demote.MessageKey);
        // control: another administrator may disable the same account.
        await Handler<SetUserDisabled.Handler>(scope).HandleAsync(Scenarios.Administrator, new SetUserDisabled.Command(id, true));
        Assert.True((await Handler<UserQueries>(scope).GetAsync(Scenarios.Administrator, id)).IsDisabled);
    }
}
