using CompetitivePosts.Web.Features.Common;
using CompetitivePosts.Web.Features.Decisions;
using CompetitivePosts.Web.Features.Filings;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitivePosts.Web.Tests.Infrastructure;

/// <summary>
/// The committee's decisions and the organization department's acceptance, for the notice and outcome
/// tests: the one place they drive the decision and filing model, so that model can change here alone.
/// </summary>
public static class FilingSteps
{
    /// <summary>Appoints each post's winner (post id → cadre id), files, and has the reviewer accept.</summary>
    public static async Task DecideAndFileAsync(IServiceProvider services, int competitionId, Actor organizer, IReadOnlyDictionary<int, int> winners)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(winners);
        var decisions = services.GetRequiredService<DecisionsHandler>();
        foreach (var (postId, cadreId) in winners)
        {
            await decisions.DecideAsync(competitionId, organizer, postId, cadreId, null);
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
