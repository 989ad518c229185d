using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Voting;
using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;
using CompetitivePosts.Web.Features.Competitions;
using CompetitivePosts.Web.Features.Registration;
using CompetitivePosts.Web.Features.Review;
using CompetitivePosts.Web.Features.Roster;
using CompetitivePosts.Web.Features.Voting;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CompetitivePosts.Web.Tests.Features.Registration;

/// <summary>The reset snapshot, personal links, withdrawal and review on the real PostgreSQL.</summary>
[Collection(AppTests.Name)]
public class RegistrationFlowTests(AppFixture app)
{
    private static T Get<T>(IServiceScope scope) where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    /// <summary>Cadres 甲 (A), 乙 (B, holds the principal post), 丙 and 丁 (C); one principal and one deputy post; reset done.</summary>
    private async Task<(int Id, Actor Organizer, Dictionary<string, int> Cadres, int Principal, int Deputy)> ResetAsync(IServiceScope scope)
    {
        var unit = await app.DemoUnitIdAsync();
        var organizer = Scenarios.Organizer(unit);
        var id = await Get<CompetitionsHandler>(scope).CreateAsync(organizer, unit, "报名-" + Guid.NewGuid().ToString("N")[..8]);
        var edit = Get<EditRoster>(scope);
        var cadres = new Dictionary<string, int>();
        foreach (var (name, category) in new[] { ("甲", VoterCategory.A), ("乙", VoterCategory.B), ("丙", VoterCategory.C), ("丁", VoterCategory.C) })
        {
            cadres[name] = await edit.AddCadreAsync(id, organizer, TestCadres.Eligible(name, category));
        }

        var principal = await edit.AddPostAsync(id, organizer, new PostDetails { Name = "综合科科长", Level = PostLevel.Principal }, cadres["乙"]);
        var deputy = await edit.AddPostAsync(id, organizer, new PostDetails { Name = "综合科副科长", Level = PostLevel.Deputy }, null);
        await Get<RosterHandler>(scope).ResetToZeroAsync(id, organizer);
        return (id, organizer, cadres, principal, deputy);
    }

    private async Task<bool> IntactAsync(int id)
    {
        await using var db = app.NewDb();
        return (await AuditTrail.VerifyChainAsync(db, id)).Intact;
    }

    [Fact]
    public async Task PersonalLink_WorksOnlyWhileRegistrationIsOpenAndOnlyForItsCadre()
    {
        using var scope = app.Services.CreateScope();
        var (id, organizer, cadres, principal, deputy) = await ResetAsync(scope);
        var links = await Get<RegistrationLinks>(scope).IssueAsync(id, organizer, null);
        var self = Get<SelfRegistration>(scope);
        var bing = links.Single(l => l.Name == "丙").Token;
        var ding = links.Single(l => l.Name == "丁").Token;

        Assert.Null(await self.LoadAsync(bing)); // registration not open yet
        await Get<RegistrationHandler>(scope).OpenAsync(id, organizer);
        var view = await self.LoadAsync(bing);
        Assert.Equal("丙", view!.CadreName);
        Assert.Equal("丁", (await self.LoadAsync(ding))!.CadreName);
        Assert.Null(await self.LoadAsync("no-such-token"));

        Assert.True(await self.SubmitAsync(bing, [deputy, principal], true, "从事综合工作十年", null));
        await Get<RegistrationHandler>(scope).CloseAsync(id, organizer);

        Assert.Null(await self.LoadAsync(bing)); // closed: the same link no longer admits anyone
        Assert.False(await self.SubmitAsync(ding, [deputy], false, null, null));
        await using var db = app.NewDb();
        var saved = await db.Set<Application>().Where(a => a.CompetitionId == id).OrderBy(a => a.Preference).ToListAsync();
        Assert.Equal([(cadres["丙"], deputy, 1), (cadres["丙"], principal, 2)], saved.Select(a => (a.CadreId, a.PostId, a.Preference)));
        var entry = await db.AuditEntries.Where(e => e.CompetitionId == id && e.Action == AuditActions.Register).SingleAsync();
        Assert.Equal("丙", entry.UserName);
        Assert.True(await IntactAsync(id));
    }

    [Fact]
    public async Task PersonalLink_StoresOnlyAHashAndAReissueRetiresTheOldLink()
    {
        using var scope = app.Services.CreateScope();
        var (id, organizer, cadres, _, _) = await ResetAsync(scope);
        await Get<RegistrationHandler>(scope).OpenAsync(id, organizer);
        var first = (await Get<RegistrationLinks>(scope).IssueAsync(id, organizer, [cadres["丙"]])).Single().Token;

        var second = (await Get<RegistrationLinks>(scope).IssueAsync(id, organizer, [cadres["丙"]])).Single().Token;

        await using var db = app.NewDb();
        var stored = await db.Cadres.Where(c => c.Id == cadres["丙"]).Select(c => c.RegistrationTokenHash).SingleAsync();
        Assert.Equal(Cadre.HashToken(second), stored);
        Assert.DoesNotContain(second, stored!, StringComparison.Ordinal);
        Assert.Null(await Get<SelfRegistration>(scope).LoadAsync(first));
        Assert.NotNull(await Get<SelfRegistration>(scope).LoadAsync(second)); // control: the new one works
    }

    [Fact]
    public async Task Snapshot_UpdateInPostgres_IsRefusedAndCorrectionsLeaveItAlone()
    {
        using var scope = app.Services.CreateScope();
        var (id, organizer, cadres, principal, _) = await ResetAsync(scope);
        await Get<EditRoster>(scope).UpdateCadreAsync(id, organizer, cadres["丙"], TestCadres.Eligible("丙", VoterCategory.B), null, "类别录错，应为中层正职");
        await Get<EditRoster>(scope).AddCadreAsync(id, organizer, TestCadres.Eligible("戊"), "归零前漏录");

        await using var connection = new NpgsqlConnection(app.Postgres.ConnectionString("competitiveposts"));
        await connection.OpenAsync();
        await using var update = new NpgsqlCommand($"UPDATE \"SnapshotEntry\" SET \"Category\" = 'A' WHERE \"CompetitionId\" = {id}", connection);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => update.ExecuteNonQueryAsync());

        Assert.Contains("snapshot cannot be changed", refused.MessageText, StringComparison.Ordinal);
        await using var db = app.NewDb();
        var snapshot = await db.Set<SnapshotEntry>().Where(s => s.CompetitionId == id).ToDictionaryAsync(s => s.CadreName);
        Assert.Equal(5, snapshot.Count);
        Assert.Equal(VoterCategory.C, snapshot["丙"].Category);
        Assert.Equal(VoterCategory.B, (await db.Cadres.SingleAsync(c => c.Id == cadres["丙"])).Category);
        Assert.True(snapshot["乙"] is { WasMiddlePrincipal: true, PostName: "综合科科长", PostLevel: PostLevel.Principal });
        Assert.Equal(principal, snapshot["乙"].PostId);
        Assert.True(snapshot["戊"].AddedAfterReset);
        var corrections = await db.AuditEntries.Where(e => e.CompetitionId == id && e.Detail != null && e.Detail.Contains("漏录")).CountAsync();
        Assert.Equal(1, corrections);
    }

    [Fact]
    public async Task UndoReset_BeforeRegistration_RestoresHoldersAndBothDirectionsAreAudited()
    {
        using var scope = app.Services.CreateScope();
        var (id, organizer, cadres, principal, _) = await ResetAsync(scope);

        await Get<RosterHandler>(scope).UndoResetAsync(id, organizer);

        await using var db = app.NewDb();
        Assert.Equal(cadres["乙"], (await db.Posts.SingleAsync(p => p.Id == principal)).HolderId);
        Assert.Equal(0, await db.Set<SnapshotEntry>().CountAsync(s => s.CompetitionId == id));
        var actions = await db.AuditEntries.Where(e => e.CompetitionId == id).OrderBy(e => e.Seq).Select(e => e.Action).ToListAsync();
        Assert.Equal([AuditActions.Reset, AuditActions.ResetUndo], actions.TakeLast(2));
        Assert.True(await IntactAsync(id));
    }

    [Fact]
    public async Task Ballot_ListsOnlyQualifiedCandidates()
    {
        using var scope = app.Services.CreateScope();
        var (id, organizer, cadres, principal, deputy) = await ResetAsync(scope);
        await Get<RegistrationHandler>(scope).OpenAsync(id, organizer);
        var register = Get<Register>(scope);
        await register.ByOrganizerAsync(id, organizer, new Register.Command(cadres["乙"], [principal], false, null));
        await register.ByOrganizerAsync(id, organizer, new Register.Command(cadres["丙"], [principal, deputy], true, null));
        await register.ByOrganizerAsync(id, organizer, new Register.Command(cadres["丁"], [deputy], false, null));
        await register.WithdrawByOrganizerAsync(id, organizer, cadres["丁"], "家庭原因");
        await Get<RegistrationHandler>(scope).CloseAsync(id, organizer);
        var review = Get<ReviewHandler>(scope);
        var rows = (await review.GetAsync(id, organizer)).Rows;
        await review.RejectAsync(id, organizer, rows.Single(r => r.CadreName == "丙" && r.PostId == principal).ApplicationId, "任职年限计算有误");
        await review.ApproveAllEligibleAsync(id, organizer);
        await review.PublishAsync(id, organizer);
        await Get<CompetitivePosts.Web.Features.Speeches.DrawSpeechOrder.Handler>(scope).HandleAsync(new CompetitivePosts.Web.Features.Speeches.DrawSpeechOrder.Command(id, CompetitivePosts.Domain.Speeches.SpeechGrouping.ByRank), organizer);
        var voting = Get<VoterRollHandler>(scope);
        await voting.IssueAsync(id, organizer);
        var roundId = await Get<CreateRound>(scope).HandleAsync(id, organizer, new RoundSettings(RoundKind.Recommendation));
        await Get<RoundControl>(scope).OpenAsync(id, organizer, roundId);
        var token = (await Get<PrintSlips>(scope).IssueAsync(id, roundId, null, organizer)).Slips[0].Token;

        var ballot = await Get<BallotSubmission>(scope).LoadAsync(token);

        var round = ballot.Sheet!.Round;
        Assert.Equal(["丙", "乙"], round.Items.Select(c => c.Name).Order(StringComparer.Ordinal));
        // 丙 is listed under the deputy post only: the rejected principal post is not shown, and there is no other
        var bing = round.Items.Single(c => c.Name == "丙");
        Assert.Equal("综合科副科长", round.Groups[bing.Group].Name);
        Assert.Null(bing.Detail);
        Assert.True(await IntactAsync(id));
    }

    [Fact]
    public async Task Delete_FirstStageOnly_KeepsTheTrailAndLaterStagesAreArchived()
    {
        using var scope = app.Services.CreateScope();
        var unit = await app.DemoUnitIdAsync();
        var organizer = Scenarios.Organizer(unit);
        var draft = await Get<CompetitionsHandler>(scope).CreateAsync(organizer, unit, "误建-" + Guid.NewGuid().ToString("N")[..8]);
        await Get<EditRoster>(scope).AddCadreAsync(draft, organizer, TestCadres.Eligible("测试"));
        var (later, _, _, _, _) = await ResetAsync(scope);

        await Get<DeleteCompetition>(scope).DeleteAsync(draft, organizer);
        var refused = await Assert.ThrowsAsync<DomainException>(() => Get<DeleteCompetition>(scope).DeleteAsync(later, organizer));
        await Get<DeleteCompetition>(scope).ArchiveAsync(later, organizer);

        Assert.Equal("Only a competition at its first stage can be deleted; archive it instead.", refused.MessageKey);
        await using var db = app.NewDb();
        Assert.False(await db.Competitions.AnyAsync(c => c.Id == draft));
        Assert.False(await db.Cadres.AnyAsync(c => c.CompetitionId == draft));
        Assert.Equal(AuditActions.CompetitionDelete, await db.AuditEntries.Where(e => e.CompetitionId == draft).OrderByDescending(e => e.Seq).Select(e => e.Action).FirstAsync());
        Assert.True(await IntactAsync(draft));
        Assert.NotNull((await db.Competitions.SingleAsync(c => c.Id == later)).ArchivedAt);
        await Assert.ThrowsAsync<DomainException>(() => Get<RegistrationHandler>(scope).OpenAsync(later, organizer));
    }
}
