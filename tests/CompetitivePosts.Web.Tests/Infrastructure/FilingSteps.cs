using CompetitivePosts.Domain.Decisions;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Common;
using CompetitivePosts.Web.Features.Decisions;
using CompetitivePosts.Web.Features.Filings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitivePosts.Web.Tests.Infrastructure;

/// <summary>
/// The committee's decisions and the organization department's acceptance, for the notice and outcome
/// tests: the one place they drive the decision and filing model, so that model can change here alone.
/// </summary>
public static class FilingSteps
{
    /// <summary>
    /// Records the committee meeting (the unit's leaders present), appoints each post's winner (post id → cadre
    /// id) with a written reason where the rule asks for one, files, and has the reviewer accept every decision.
    /// </summary>
    public static Task DecideAndFileAsync(IServiceProvider services, int competitionId, Actor organizer, IReadOnlyDictionary<int, int> winners)
    {
        ArgumentNullException.ThrowIfNull(winners);
        return DecideAndFileAsync(services, competitionId, organizer, [.. winners.Select(w => (w.Key, 1, w.Value))]);
    }

    /// <summary>As above, seat by seat: (post id, seat, cadre id).</summary>
    public static async Task DecideAndFileAsync(IServiceProvider services, int competitionId, Actor organizer,
        IReadOnlyList<(int PostId, int Seat, int CadreId)> winners)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(winners);
        List<int> leaders;
        await using (var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            leaders = await db.Cadres.Where(c => c.CompetitionId == competitionId && c.IsCountyLeader).Select(c => c.Id).ToListAsync();
        }

        await services.GetRequiredService<RecordMeeting.Handler>()
            .HandleAsync(new RecordMeeting.Command(competitionId, new DateOnly(2009, 6, 5), leaders, "党委会纪要〔2009〕5号"), organizer);
        var decisions = services.GetRequiredService<DecisionsHandler>();
        foreach (var (postId, seat, cadreId) in winners)
        {
            var verdict = await decisions.PreviewAsync(competitionId, organizer, postId, seat, cadreId);
            var written = verdict.Need == JustificationNeed.Written;
            await decisions.DecideAsync(competitionId, organizer,
                new DecisionInput(postId, seat, cadreId, written ? JustificationCategory.WorkNeeds : null, written ? DecisionSteps.Reason : null));
        }

        await decisions.SubmitFilingAsync(competitionId, organizer);
        await services.GetRequiredService<FilingsHandler>().AcceptAsync(competitionId, Scenarios.Reviewer, null);
    }

    /// <summary>The voting scenario of <see cref="Scenarios.ReadyToDecideAsync"/> with 乙 appointed to 综合科科长 and the filing accepted.</summary>
    public static async Task<VotingScenario> AcceptedAsync(this AppFixture app, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var s = await app.ReadyToDecideAsync(name);
        var organizer = Scenarios.Organizer(await app.DemoUnitIdAsync());
        using var scope = app.Services.CreateScope();
        await DecideAndFileAsync(scope.ServiceProvider, s.CompetitionId, organizer,
            new Dictionary<int, int> { [await app.PostIdAsync(s.CompetitionId, "综合科科长")] = s.Id("乙") });
        return s;
    }
}
