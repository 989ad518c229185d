using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Domain.Decisions;
using CompetitivePosts.Web.Features.Decisions;
using CompetitivePosts.Web.Features.Filings;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitivePosts.Web.Tests.Features.Filings;

/// <summary><see cref="FilingsHandler"/> and <see cref="ReviewFiling"/> on PostgreSQL, each with a control filing.</summary>
[Collection(AppTests.Name)]
public class FilingsHandlerTests(AppFixture app)
{
    /// <summary>A competition decided for 乙 and filed as version 1.</summary>
    private async Task<(int Id, int Post)> FiledAsync()
    {
        var s = await app.ReadyToDecideAsync("备案-" + Guid.NewGuid().ToString("N")[..6]);
        var organizer = Scenarios.Organizer(await app.DemoUnitIdAsync());
        using var scope = app.Services.CreateScope();
        var decisions = scope.ServiceProvider.GetRequiredService<DecisionsHandler>();
        var post = await app.PostIdAsync(s.CompetitionId, "综合科科长");
        await decisions.DecideAsync(s.CompetitionId, organizer, post, s.Id("乙"), null);
        await app.RecordMeetingAsync(s.CompetitionId, organizer);
        await decisions.SubmitFilingAsync(s.CompetitionId, organizer);
        return (s.CompetitionId, post);
    }

    [Fact]
    public async Task ListAsync_Filters_ByStatusAndUnit()
    {
        var (pending, _) = await FiledAsync();
        var (refused, _) = await FiledAsync();
        using var scope = app.Services.CreateScope();
        var filings = scope.ServiceProvider.GetRequiredService<FilingsHandler>();
        await filings.RefuseAsync(refused, Scenarios.Reviewer, "请补充会议纪要");

        var pendingOnly = await filings.ListAsync(Scenarios.Reviewer, new FilingFilter(Status: FilingStatus.Pending));
        var refusedOnly = await filings.ListAsync(Scenarios.Reviewer, new FilingFilter(Status: FilingStatus.Refused));
        var otherUnit = await filings.ListAsync(Scenarios.Reviewer, new FilingFilter(UnitId: await app.OtherUnitIdAsync()));
        var all = await filings.ListAsync(Scenarios.Reviewer);

        Assert.Contains(pendingOnly, f => f.CompetitionId == pending);
        Assert.DoesNotContain(pendingOnly, f => f.CompetitionId == refused);
        Assert.Contains(refusedOnly, f => f.CompetitionId == refused);
        Assert.DoesNotContain(otherUnit, f => f.CompetitionId == pending || f.CompetitionId == refused);
        var item = all.Single(f => f.CompetitionId == pending);
        Assert.Equal(ChinaDate.Of(item.SubmittedAt).AddDays(7), item.DueOn);
        Assert.False(item.Overdue);
    }

    [Fact]
    public async Task ReviewFiling_RefusalWithoutReason_IsRefusedAndNothingIsWritten()
    {
        var (id, post) = await FiledAsync();
        using var scope = app.Services.CreateScope();
        var review = scope.ServiceProvider.GetRequiredService<ReviewFiling.Handler>();
        var before = await DbSnapshot.TakeAsync(app);

        var ex = await Assert.ThrowsAsync<DomainException>(() => review.HandleAsync(
            new ReviewFiling.Command(id, 1, [new DecisionReview(post, 1, false, " ")], null, null), Scenarios.Reviewer));

        before.AssertUnchanged(await DbSnapshot.TakeAsync(app));
        Assert.Equal("A refusal needs a reason.", ex.MessageKey);
    }

    [Fact]
    public async Task ReviewFiling_StaleRowVersion_ClashesAndChangesNothing()
    {
        var (id, post) = await FiledAsync();
        using var scope = app.Services.CreateScope();
        var filings = scope.ServiceProvider.GetRequiredService<FilingsHandler>();
        var review = scope.ServiceProvider.GetRequiredService<ReviewFiling.Handler>();
        var loaded = (await filings.GetAsync(id, Scenarios.Reviewer)).RowVersion;
        await using (var db = app.NewDb())
        {
            // Another reviewer's change lands first: any write moves the row's version (xmin).
            await db.Database.ExecuteSqlAsync($"""UPDATE "Filing" SET "ReviewNote" = "ReviewNote" WHERE "CompetitionId" = {id}""");
        }

        var before = await DbSnapshot.TakeAsync(app);

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => review.HandleAsync(
            new ReviewFiling.Command(id, 1, [new DecisionReview(post, 1, true)], null, loaded), Scenarios.Reviewer));

        before.AssertUnchanged(await DbSnapshot.TakeAsync(app));
    }

    [Fact]
    public async Task GetAsync_RefusedThenAmended_EachVersionShowsWhatItFroze()
    {
        var (id, post) = await FiledAsync();
        var (control, _) = await FiledAsync();
        using var scope = app.Services.CreateScope();
        var filings = scope.ServiceProvider.GetRequiredService<FilingsHandler>();
        var review = scope.ServiceProvider.GetRequiredService<ReviewFiling.Handler>();
        var decisions = scope.ServiceProvider.GetRequiredService<DecisionsHandler>();
        var organizer = Scenarios.Organizer(await app.DemoUnitIdAsync());
        await review.HandleAsync(new ReviewFiling.Command(id, 1, [new DecisionReview(post, 1, false, "请说明任用理由")], "退回", null), Scenarios.Reviewer);
        await decisions.DecideAsync(id, organizer, new DecisionInput(post, 1, null, VacancyReason: "暂不任用，另行研究"));
        await decisions.SubmitFilingAsync(id, organizer);

        var v1 = await filings.GetAsync(id, Scenarios.Reviewer, 1);
        var v2 = await filings.GetAsync(id, Scenarios.Reviewer);
        var diff = await filings.CompareAsync(id, Scenarios.Reviewer, 1, 2);

        Assert.Equal("乙", v1.Document!.Decisions.Single().AppointeeName);
        Assert.Equal([new VerdictRow(post, 1, false, "请说明任用理由")], v1.Verdicts);
        Assert.True(v1.DocumentIntact);
        Assert.Null(v2.Document!.Decisions.Single().AppointeeName);
        Assert.Equal("暂不任用，另行研究", v2.Document!.Decisions.Single().VacancyReason);
        Assert.True(diff.Decisions.Single().Changed);
        Assert.DoesNotContain("Applicants", diff.ChangedSections);
        // control: the other filing is still its own version 1, pending.
        var other = await filings.GetAsync(control, Scenarios.Reviewer);
        Assert.Equal((1, FilingStatus.Pending, "乙"), (other.Document!.Version, other.Filing!.Status, other.Document!.Decisions.Single().AppointeeName!));
    }
}
