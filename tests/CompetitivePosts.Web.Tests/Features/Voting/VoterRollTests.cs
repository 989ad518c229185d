using System.Text.Json;
using CompetitivePosts.Domain;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Voting;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitivePosts.Web.Tests.Features.Voting;

/// <summary>The roll's changes by the organizer: each with its reason on the audit trail, and none while it would change a vote.</summary>
[Collection(AppTests.Name)]
public class VoterRollTests(AppFixture app)
{
    private static T Get<T>(IServiceScope scope) where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    private static Web.Features.Common.Actor Organizer => Scenarios.Organizer(1);

    [Fact]
    public async Task RollChanges_OverrideOutsideVoterExcludeAndReinstate_AreEachAuditedWithTheirReason()
    {
        using var scope = app.Services.CreateScope();
        var s = await app.OpenForVotingAsync();
        await Get<RoundControl>(scope).CloseAsync(s.CompetitionId, Organizer, s.RoundId);
        var roll = Get<EditVoterRoll>(scope);

        await roll.OverrideCategoryAsync(s.CompetitionId, Organizer, s.Voters["丙"], VoterCategory.B, "兼任支部书记，按中层正职投票");
        var outside = await roll.AddOutsideAsync(s.CompetitionId, Organizer, "赵书记", VoterCategory.A, "市委组织部派驻");
        await roll.ExcludeAsync(s.CompetitionId, Organizer, s.Voters["丁"], "外出学习");
        await roll.ReinstateAsync(s.CompetitionId, Organizer, s.Voters["丁"], "已返回");

        await using var db = app.NewDb();
        var voters = await db.Voters.Where(v => v.CompetitionId == s.CompetitionId).ToDictionaryAsync(v => v.Name);
        Assert.Equal((VoterCategory.B, VoterCategory.C, "兼任支部书记，按中层正职投票"), (voters["丙"].Category, voters["丙"].RollCategory, voters["丙"].CategoryReason));
        Assert.Equal((VoterCategory.A, true, outside), (voters["赵书记"].Category, voters["赵书记"].IsOutside, voters["赵书记"].Id));
        Assert.False(voters["丁"].IsExcluded);
        var entries = await db.AuditEntries.Where(e => e.CompetitionId == s.CompetitionId).OrderBy(e => e.Seq).ToListAsync();
        var last = entries.TakeLast(4).ToList();
        Assert.Equal([AuditActions.VoterCategoryOverride, AuditActions.VoterAddOutside, AuditActions.VoterExclude, AuditActions.VoterReinstate],
            last.Select(e => e.Action));
        Assert.Contains("兼任支部书记", last[0].Detail, StringComparison.Ordinal);
        Assert.Equal("C", JsonDocument.Parse(last[0].Detail!).RootElement.GetProperty("from").GetString());
        Assert.Contains("市委组织部派驻", last[1].Detail, StringComparison.Ordinal);
        Assert.Contains("外出学习", last[2].Detail, StringComparison.Ordinal);
        Assert.Contains("已返回", last[3].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OverrideCategoryAsync_WhileARoundIsOpen_IsRefusedAndChangesNothing()
    {
        using var scope = app.Services.CreateScope();
        var s = await app.OpenForVotingAsync();
        var roll = Get<EditVoterRoll>(scope);
        var head = await HeadAsync(s.CompetitionId);

        var ex = await Assert.ThrowsAsync<DomainException>(() => roll.OverrideCategoryAsync(s.CompetitionId, Organizer, s.Voters["丙"], VoterCategory.A, "理由"));

        Assert.Equal("Ballot kinds cannot change while a round is open.", ex.MessageKey);
        Assert.Equal(head, await HeadAsync(s.CompetitionId));
        await Get<RoundControl>(scope).CloseAsync(s.CompetitionId, Organizer, s.RoundId);
        await roll.OverrideCategoryAsync(s.CompetitionId, Organizer, s.Voters["丙"], VoterCategory.A, "理由"); // control: allowed between rounds
        await using var db = app.NewDb();
        Assert.Equal(VoterCategory.A, (await db.Voters.SingleAsync(v => v.Id == s.Voters["丙"])).Category);
    }

    [Fact]
    public async Task AddOutsideAsync_NameAlreadyOnTheRoll_IsRefusedInChineseAndSavesNothing()
    {
        using var scope = app.Services.CreateScope();
        var s = await app.OpenForVotingAsync();
        var head = await HeadAsync(s.CompetitionId);

        var ex = await Assert.ThrowsAsync<DomainException>(() => Get<EditVoterRoll>(scope).AddOutsideAsync(s.CompetitionId, Organizer, "甲", VoterCategory.A, "重名"));

        Assert.Equal("There is already a voter named {0} on the roll.", ex.MessageKey);
        Assert.Equal(head, await HeadAsync(s.CompetitionId));
        await using var db = app.NewDb();
        Assert.Equal(4, await db.Voters.CountAsync(v => v.CompetitionId == s.CompetitionId));
    }

    private async Task<string> HeadAsync(int competitionId)
    {
        await using var db = app.NewDb();
        return await db.AuditHeads.Where(h => h.CompetitionId == competitionId).Select(h => h.Seq + ":" + h.Hash).SingleAsync();
    }
}
