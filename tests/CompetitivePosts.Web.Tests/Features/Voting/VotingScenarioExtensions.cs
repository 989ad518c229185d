using System.Globalization;
using CompetitivePosts.Domain;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Tests.Features.Voting;

internal static class VotingScenarioExtensions
{
    /// <summary>Adds outside voters (C) to the scenario's competition and issues their tokens for its round; returns the clear tokens by name.</summary>
    public static async Task<Dictionary<string, string>> AddVotersAsync(this AppFixture app, VotingScenario s, int count, string prefix = "外")
    {
        await using var db = app.NewDb();
        var c = await db.CompetitionAggregate.SingleAsync(x => x.Id == s.CompetitionId);
        for (var i = 0; i < count; i++)
        {
            c.AddOutsideVoter(prefix + i.ToString(CultureInfo.InvariantCulture), VoterCategory.C, "测试");
        }

        db.Audit(c.Id, Scenarios.Arranger, Scenarios.ArrangeAction);
        await db.SaveChangesAsync();
        return await Scenarios.IssueTokensAsync(db, c.FindRound(s.RoundId), c.Voters.Where(v => v.Name.StartsWith(prefix, StringComparison.Ordinal)));
    }
}
