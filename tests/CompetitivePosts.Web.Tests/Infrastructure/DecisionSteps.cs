using CompetitivePosts.Domain.Decisions;
using CompetitivePosts.Web.Features.Common;
using CompetitivePosts.Web.Features.Decisions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitivePosts.Web.Tests.Infrastructure;

/// <summary>The committee's steps as the tests of other features need them: one seat, a written reason under 工作需要, the meeting.</summary>
public static class DecisionSteps
{
    public const string Reason = "该同志长期从事综合协调工作，熟悉本科室全面业务，更符合岗位的工作需要。";

    public static Task DecideAsync(this DecisionsHandler handler, int competitionId, Actor actor, int postId, int appointeeId, string? justification)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return handler.DecideAsync(competitionId, actor,
            new DecisionInput(postId, 1, appointeeId, justification is null ? null : JustificationCategory.WorkNeeds, justification));
    }

    /// <summary>The committee meeting with the unit's leader 甲 present, which filing requires.</summary>
    public static async Task RecordMeetingAsync(this AppFixture app, int competitionId, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var db = app.NewDb();
        var leaders = await db.Cadres.Where(c => c.CompetitionId == competitionId && c.IsCountyLeader).Select(c => c.Id).ToListAsync();
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<RecordMeeting.Handler>()
            .HandleAsync(new RecordMeeting.Command(competitionId, new DateOnly(2009, 6, 5), leaders, "党委会纪要〔2009〕5号"), actor);
    }
}
