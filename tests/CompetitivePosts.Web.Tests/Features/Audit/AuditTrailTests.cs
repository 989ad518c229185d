using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Voting;
using CompetitivePosts.Domain.Audit;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;
using CompetitivePosts.Web.Features.Competitions;
using CompetitivePosts.Web.Features.Decisions;
using CompetitivePosts.Web.Features.Filings;
using CompetitivePosts.Web.Features.Registration;
using CompetitivePosts.Web.Features.Review;
using CompetitivePosts.Web.Features.Roster;
using CompetitivePosts.Web.Features.Speeches;
using CompetitivePosts.Web.Features.Voting;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CompetitivePosts.Web.Tests.Features.Audit;

[Collection(AppTests.Name)]
public class AuditTrailTests(AppFixture app)
{
    private static T Get<T>(IServiceScope scope) where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    private async Task<(int CompetitionId, Actor Organizer)> NewCompetitionAsync(IServiceScope scope, int cadres = 0)
    {
        var unit = await app.DemoUnitIdAsync();
        var organizer = Scenarios.Organizer(unit);
        var id = await Get<CompetitionsHandler>(scope).CreateAsync(organizer, unit, "审计-" + Guid.NewGuid().ToString("N")[..8]);
        for (var i = 0; i < cadres; i++)
        {
            await Get<RosterHandler>(scope).AddCadreAsync(id, organizer, "干部" + i, VoterCategory.C);
        }

        return (id, organizer);
    }

    private async Task<List<AuditEntry>> EntriesAsync(int competitionId)
    {
        await using var db = app.NewDb();
        return await db.AuditEntries.Where(e => e.CompetitionId == competitionId).OrderBy(e => e.Seq).ToListAsync();
    }

    private async Task<AuditVerification> VerifyAsync(int competitionId)
    {
        await using var db = app.NewDb();
        return await AuditTrail.VerifyChainAsync(db, competitionId);
    }

    /// <summary>What a database administrator can do: bypass the append-only trigger and change rows.</summary>
    private async Task TamperAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(app.Postgres.ConnectionString("competitiveposts"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SET session_replication_role = replica; " + sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task VerifyChainAsync_ChangeAuditedBetweenItsReads_SeesOneMomentAndFindsTheChainIntact()
    {
        using var scope = app.Services.CreateScope();
        var (id, _) = await NewCompetitionAsync(scope, cadres: 2);
        var before = (await EntriesAsync(id)).Count;
        // After the entries are read and before the head is: one more audited change to the competition.
        var change = new ChangeBetweenReads("AuditEntries", async () =>
        {
            await using var other = app.NewDb();
            other.Audit(id, Scenarios.Arranger, Scenarios.ArrangeAction, new { between = "reads" });
            await other.SaveChangesAsync();
        });
        await using var db = change.Context(app);

        var during = await AuditTrail.VerifyChainAsync(db, id);

        Assert.True(change.Happened);
        Assert.True(during.Intact, during.Break?.ToString());
        Assert.Equal(before, during.Entries);
        // Control: read again afterwards, the new entry is on the chain.
        var after = await VerifyAsync(id);
        Assert.True(after.Intact);
        Assert.Equal(before + 1, after.Entries);
    }

    [Fact]
    public async Task Handlers_EveryActionOfThePath_WritesOneEntryEachAndTheChainVerifies()
    {
        using var scope = app.Services.CreateScope();
        var (id, organizer) = await NewCompetitionAsync(scope);
        var roster = Get<RosterHandler>(scope);
        await Get<EditRoster>(scope).AddCadreAsync(id, organizer, TestCadres.Eligible("甲", VoterCategory.A));
        await Get<EditRoster>(scope).AddCadreAsync(id, organizer, TestCadres.Eligible("乙", VoterCategory.B));
        await Get<EditRoster>(scope).AddCadreAsync(id, organizer, TestCadres.Eligible("丙", VoterCategory.C));
        int Cadre(string name)
        {
            using var db = app.NewDb();
            return db.Cadres.Single(c => c.CompetitionId == id && c.Name == name).Id;
        }

        await roster.AddPostAsync(id, organizer, "综合科科长", PostLevel.Principal, null, Cadre("乙"));
        int post;
        await using (var db = app.NewDb())
        {
            post = db.Posts.Single(p => p.CompetitionId == id).Id;
        }

        await roster.ResetToZeroAsync(id, organizer);
        await Get<RegistrationHandler>(scope).OpenAsync(id, organizer);
        await Get<Register>(scope).ByOrganizerAsync(id, organizer, new Register.Command(Cadre("乙"), [post], false, null));
        await Get<Register>(scope).ByOrganizerAsync(id, organizer, new Register.Command(Cadre("丙"), [post], false, null));
        await Get<RegistrationHandler>(scope).CloseAsync(id, organizer);
        await Get<ReviewHandler>(scope).ApproveAllEligibleAsync(id, organizer);
        await Get<ReviewHandler>(scope).PublishAsync(id, organizer);
        await Get<DrawSpeechOrder.Handler>(scope).HandleAsync(new DrawSpeechOrder.Command(id, CompetitivePosts.Domain.Speeches.SpeechGrouping.ByRank), organizer);
        var voting = Get<VoterRollHandler>(scope);
        await voting.IssueAsync(id, organizer);
        var roundId = await Get<CreateRound>(scope).HandleAsync(id, organizer, new RoundSettings(RoundKind.Recommendation));
        await Get<RoundControl>(scope).OpenAsync(id, organizer, roundId);
        var slips = await Get<PrintSlips>(scope).IssueAsync(id, roundId, null, organizer);
        foreach (var slip in slips.Slips)
        {
            var ballot = await app.SubmitAsync(slip.Token, TestBallots.Fields([(Cadre("乙"), "Agree"), (Cadre("丙"), "Agree")], slip.VoterName));
            Assert.Equal(SubmitOutcome.Accepted, ballot.Outcome);
        }

        await Get<RoundControl>(scope).CloseAsync(id, organizer, roundId);
        await voting.CloseAsync(id, organizer);
        var decisions = Get<DecisionsHandler>(scope);
        await decisions.DecideAsync(id, organizer, post, Cadre("乙"), null);
        await app.RecordMeetingAsync(id, organizer);
        await decisions.SubmitFilingAsync(id, organizer);
        await Get<FilingsHandler>(scope).RefuseAsync(id, Scenarios.Reviewer, "请补充会议纪要。");
        await decisions.SubmitFilingAsync(id, organizer);
        await Get<FilingsHandler>(scope).AcceptAsync(id, Scenarios.Reviewer, null);

        var entries = await EntriesAsync(id);
        Assert.Equal(
        [
            AuditActions.CompetitionCreate, AuditActions.CadreAdd, AuditActions.CadreAdd, AuditActions.CadreAdd, AuditActions.PostAdd,
            AuditActions.Reset, AuditActions.RegistrationOpen, AuditActions.Register, AuditActions.Register, AuditActions.RegistrationClose,
            AuditActions.ReviewApproveAll, AuditActions.ReviewPublish, AuditActions.SpeechDraw,
            AuditActions.VotersIssue, AuditActions.RoundCreate, AuditActions.RoundOpen, AuditActions.SlipsPrint, AuditActions.RoundClose,
            AuditActions.VotingClose, AuditActions.Decide, AuditActions.DecisionMeeting, AuditActions.FilingSubmit, AuditActions.FilingRefuse, AuditActions.FilingSubmit,
            AuditActions.FilingAccept,
        ], entries.Select(e => e.Action));
        Assert.Equal(Enumerable.Range(1, entries.Count).Select(i => (long)i), entries.Select(e => e.Seq));
        Assert.All(entries.Take(22), e => Assert.Equal(organizer.Name, e.UserName));
        Assert.Equal(Scenarios.Reviewer.Name, entries[22].UserName);
        Assert.True((await VerifyAsync(id)).Intact);
    }

    [Fact]
    public async Task AddCadre_Recorded_HoldsTheValuesAfterWithTheNewId()
    {
        using var scope = app.Services.CreateScope();
        var (id, _) = await NewCompetitionAsync(scope, cadres: 1);

        var entry = (await EntriesAsync(id)).Last();
        await using var db = app.NewDb();
        var cadre = await db.Cadres.SingleAsync(c => c.CompetitionId == id);

        Assert.Equal(AuditActions.CadreAdd, entry.Action);
        Assert.Null(entry.Before);
        Assert.Contains($"\"Cadre#{cadre.Id}\"", entry.After, StringComparison.Ordinal);
        Assert.Contains("\"Name\":\"干部0\"", entry.After, StringComparison.Ordinal);
        Assert.Contains("\"Category\":\"C\"", entry.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResetToZero_Recorded_HoldsTheHolderBeforeAndAfter()
    {
        using var scope = app.Services.CreateScope();
        var (id, organizer) = await NewCompetitionAsync(scope, cadres: 1);
        int cadre;
        await using (var db = app.NewDb())
        {
            cadre = db.Cadres.Single(c => c.CompetitionId == id).Id;
        }

        await Get<RosterHandler>(scope).AddPostAsync(id, organizer, "办公室主任", PostLevel.Principal, null, cadre);
        await Get<RosterHandler>(scope).ResetToZeroAsync(id, organizer);

        var reset = (await EntriesAsync(id)).Last();
        Assert.Equal(AuditActions.Reset, reset.Action);
        Assert.Contains($"\"HolderId\":{cadre}", reset.Before, StringComparison.Ordinal);
        Assert.Contains("\"HolderId\":null", reset.After, StringComparison.Ordinal);
        Assert.Contains("\"Status\":\"Reset\"", reset.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Change_BrokenRule_LeavesNoEntry()
    {
        using var scope = app.Services.CreateScope();
        var (id, organizer) = await NewCompetitionAsync(scope, cadres: 1);
        var before = (await EntriesAsync(id)).Count;

        await Assert.ThrowsAsync<DomainException>(() => Get<RosterHandler>(scope).AddCadreAsync(id, organizer, "干部0", VoterCategory.C));

        Assert.Equal(before, (await EntriesAsync(id)).Count);
        Assert.True((await VerifyAsync(id)).Intact);
    }

    [Fact]
    public async Task Change_RolledBackByTheDatabase_LeavesNoEntryAndNoRow()
    {
        using var scope = app.Services.CreateScope();
        var (id, _) = await NewCompetitionAsync(scope);
        var entries = (await EntriesAsync(id)).Count;
        // Two organizers load the roster at once and add the same name: the unique index refuses the second.
        await using var first = app.NewDb();
        await using var second = app.NewDb();
        var a = await first.CompetitionAggregate.SingleAsync(c => c.Id == id);
        var b = await second.CompetitionAggregate.SingleAsync(c => c.Id == id);
        a.AddCadre("同名", VoterCategory.C);
        b.AddCadre("同名", VoterCategory.C);
        first.Audit(id, Scenarios.Arranger, AuditActions.CadreAdd);
        await first.SaveChangesAsync();

        second.Audit(id, Scenarios.Arranger, AuditActions.CadreAdd);
        await Assert.ThrowsAsync<DbUpdateException>(() => second.SaveChangesAsync());

        await using var db = app.NewDb();
        Assert.Equal(1, await db.Cadres.CountAsync(c => c.CompetitionId == id && c.Name == "同名"));
        Assert.Equal(entries + 1, (await EntriesAsync(id)).Count);
        Assert.True((await VerifyAsync(id)).Intact);
    }

    [Fact]
    public async Task SaveChanges_DomainChangeWithoutAnAction_IsRefusedAndSavesNothing()
    {
        using var scope = app.Services.CreateScope();
        var (id, _) = await NewCompetitionAsync(scope);
        await using var db = app.NewDb();
        var c = await db.CompetitionAggregate.SingleAsync(x => x.Id == id);
        c.AddCadre("无痕", VoterCategory.C);

        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());

        await using var check = app.NewDb();
        Assert.False(await check.Cadres.AnyAsync(x => x.CompetitionId == id && x.Name == "无痕"));
    }

    [Fact]
    public async Task AddCadre_TwentyAtOnce_AppendsAGaplessIntactChain()
    {
        using var scope = app.Services.CreateScope();
        var (id, organizer) = await NewCompetitionAsync(scope);

        // Each through its own scope, as twenty organizers' requests would be; some lose the race for the aggregate.
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            using var s = app.Services.CreateScope();
            try
            {
                await Get<RosterHandler>(s).AddCadreAsync(id, organizer, "并发" + i, VoterCategory.C);
                return true;
            }
            catch (DbUpdateException)
            {
                return false;
            }
        }));

        var entries = await EntriesAsync(id);
        await using var db = app.NewDb();
        Assert.Equal(results.Count(ok => ok), await db.Cadres.CountAsync(c => c.CompetitionId == id));
        Assert.Equal(1 + results.Count(ok => ok), entries.Count);
        Assert.Equal(Enumerable.Range(1, entries.Count).Select(i => (long)i), entries.Select(e => e.Seq));
        Assert.True((await VerifyAsync(id)).Intact);
    }

    [Fact]
    public async Task AuditEntries_PlainUpdateOrDelete_IsRefusedByTheDatabase()
    {
        using var scope = app.Services.CreateScope();
        var (id, _) = await NewCompetitionAsync(scope, cadres: 1);
        await using var connection = new NpgsqlConnection(app.Postgres.ConnectionString("competitiveposts"));
        await connection.OpenAsync();

        foreach (var sql in new[]
                 {
                     $"UPDATE \"AuditEntries\" SET \"UserName\" = 'x' WHERE \"CompetitionId\" = {id}",
                     $"DELETE FROM \"AuditEntries\" WHERE \"CompetitionId\" = {id}",
                     "TRUNCATE \"AuditEntries\"",
                 })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            var ex = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Contains("append-only", ex.MessageText, StringComparison.Ordinal);
        }

        Assert.Equal(2, (await EntriesAsync(id)).Count);
    }

    public static TheoryData<string, AuditBreak, long> Tampering => new()
    {
        // {0} is the competition's chain.
        { """UPDATE "AuditEntries" SET "After" = replace("After", '干部1', '别人') WHERE "CompetitionId" = {0} AND "Seq" = 3""", AuditBreak.Content, 3 },
        { """UPDATE "AuditEntries" SET "UserName" = '另一个人' WHERE "CompetitionId" = {0} AND "Seq" = 2""", AuditBreak.Content, 2 },
        { """UPDATE "AuditEntries" SET "At" = "At" - interval '1 hour' WHERE "CompetitionId" = {0} AND "Seq" = 4""", AuditBreak.Content, 4 },
        { """DELETE FROM "AuditEntries" WHERE "CompetitionId" = {0} AND "Seq" = 2""", AuditBreak.Sequence, 3 },
        { """DELETE FROM "AuditEntries" WHERE "CompetitionId" = {0} AND "Seq" = 5""", AuditBreak.Head, 5 },
        {
            """
            UPDATE "AuditEntries" SET "Seq" = -1 WHERE "CompetitionId" = {0} AND "Seq" = 2;
            UPDATE "AuditEntries" SET "Seq" = 2 WHERE "CompetitionId" = {0} AND "Seq" = 3;
            UPDATE "AuditEntries" SET "Seq" = 3 WHERE "CompetitionId" = {0} AND "Seq" = -1;
            """, AuditBreak.PreviousHash, 2
        },
    };

    [Theory]
    [MemberData(nameof(Tampering))]
    public async Task VerifyChain_RowTamperedInPostgres_NamesTheFirstBrokenEntry(string sql, AuditBreak expected, long atSeq)
    {
        using var scope = app.Services.CreateScope();
        var (id, _) = await NewCompetitionAsync(scope, cadres: 4);
        var (control, _) = await NewCompetitionAsync(scope, cadres: 4);
        Assert.True((await VerifyAsync(id)).Intact);

        await TamperAsync(sql.Replace("{0}", id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        var result = await VerifyAsync(id);
        Assert.Equal(expected, result.Break);
        Assert.Equal(atSeq, result.AtSeq);
        Assert.True((await VerifyAsync(control)).Intact);
    }

    [Fact]
    public async Task History_FilteredByActionAndUser_ShowsOnlyThatCompetitionsMatchingEntries()
    {
        using var scope = app.Services.CreateScope();
        var (id, organizer) = await NewCompetitionAsync(scope, cadres: 3);
        var (control, _) = await NewCompetitionAsync(scope, cadres: 2);
        await Get<RosterHandler>(scope).AddPostAsync(id, organizer, "财务科科长", PostLevel.Principal, null, null);
        var trail = Get<AuditTrail>(scope);

        var all = await trail.HistoryAsync(id, organizer, new AuditFilter());
        var adds = await trail.HistoryAsync(id, organizer, new AuditFilter(AuditActions.CadreAdd));
        var nobody = await trail.HistoryAsync(id, organizer, new AuditFilter(UserName: "无此人"));

        Assert.Equal(5, all.Total);
        Assert.Equal([5L, 4L, 3L, 2L, 1L], all.Entries.Select(e => e.Seq));
        Assert.Equal(3, adds.Matching);
        Assert.All(adds.Entries, e => Assert.Equal(AuditActions.CadreAdd, e.Action));
        Assert.Empty(nobody.Entries);
        Assert.Equal([AuditActions.CadreAdd, AuditActions.CompetitionCreate, AuditActions.PostAdd], all.Actions);
        Assert.Equal(3, (await trail.HistoryAsync(control, organizer, new AuditFilter())).Total);
    }

    [Fact]
    public async Task Verify_Organizer_IsRefused()
    {
        using var scope = app.Services.CreateScope();
        var (id, organizer) = await NewCompetitionAsync(scope);
        var trail = Get<AuditTrail>(scope);

        await Assert.ThrowsAsync<DomainException>(() => trail.VerifyAsync(id, organizer));
        Assert.True((await trail.VerifyAsync(id, Scenarios.Reviewer)).Intact);
    }

    [Fact]
    public async Task CreateUnit_Administrator_GoesOnTheSystemChain()
    {
        using var scope = app.Services.CreateScope();
        var admin = new Actor("管理员", true, false, false, null, "admin-id");
        await using var db = app.NewDb();
        var before = await db.AuditEntries.CountAsync(e => e.CompetitionId == AuditEntry.SystemChain);

        await Get<CompetitionsHandler>(scope).CreateUnitAsync(admin, "审计单位-" + Guid.NewGuid().ToString("N")[..6]);

        var last = await db.AuditEntries.Where(e => e.CompetitionId == AuditEntry.SystemChain).OrderByDescending(e => e.Seq).FirstAsync();
        Assert.Equal(before + 1, last.Seq);
        Assert.Equal(AuditActions.UnitCreate, last.Action);
        Assert.Equal("admin-id", last.UserId);
        Assert.True((await AuditTrail.VerifyChainAsync(db, AuditEntry.SystemChain)).Intact);
    }
}
