using CompetitivePosts.Domain;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Notice;
using CompetitivePosts.Web.Features.Voting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitivePosts.Web.Tests.Infrastructure;

/// <summary>The notice's steps that tests take outside its page: a period moved into the past, a multi-seat notice closed.</summary>
public static class NoticeSteps
{
    /// <summary>
    /// The app's server clock cannot be moved in the shared fixture, so the notice's period (and its
    /// objections' dates) move two weeks into the past instead; the notice may then close.
    /// </summary>
    public static async Task PassNoticePeriodAsync(this AppFixture app, int competitionId)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var db = app.NewDb();
        await db.Database.ExecuteSqlAsync(
            $"""UPDATE "Notices" SET "StartsOn" = "StartsOn" - 14, "EndsOn" = "EndsOn" - 14 WHERE "CompetitionId" = {competitionId}""");
        await db.Database.ExecuteSqlAsync(
            $"""UPDATE "Objections" SET "ReceivedOn" = "ReceivedOn" - 14 WHERE "NoticeId" IN (SELECT "Id" FROM "Notices" WHERE "CompetitionId" = {competitionId})""");
    }

    /// <summary>
    /// A two-seat 综合科副科长 taken through to a closed notice: every voter agrees with 乙, 丙 and 丁; 乙 is appointed
    /// 综合科科长 (one seat), 丁 seat 1 and 丙 (who accepted reassignment) seat 2 of the deputy post; filed, accepted,
    /// published and closed on a clock 20 days ahead.
    /// </summary>
    public static async Task<VotingScenario> TwoSeatsInPostAsync(this AppFixture app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var s = await app.ArrangeAsync(CompetitionStatus.Voting, deputySeats: 2);
        foreach (var voter in new[] { "甲", "乙", "丙", "丁" })
        {
            var result = await app.VoteAsync(s, voter, ("乙", Choice.Agree), ("丙", Choice.Agree), ("丁", Choice.Agree));
            if (result.Outcome != SubmitOutcome.Accepted)
            {
                throw new InvalidOperationException($"{voter}'s ballot was not accepted: {result.Outcome}");
            }
        }

        var organizer = Scenarios.Organizer(await app.DemoUnitIdAsync());
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        await services.GetRequiredService<RoundControl>().CloseAsync(s.CompetitionId, organizer, s.RoundId);
        await services.GetRequiredService<VoterRollHandler>().CloseAsync(s.CompetitionId, organizer);
        var chief = await app.PostIdAsync(s.CompetitionId, "综合科科长");
        var deputy = await app.PostIdAsync(s.CompetitionId, "综合科副科长");
        await FilingSteps.DecideAndFileAsync(services, s.CompetitionId, organizer,
            [(chief, 1, s.Id("乙")), (deputy, 1, s.Id("丁")), (deputy, 2, s.Id("丙"))]);
        await services.GetRequiredService<PublishNotice.Handler>().HandleAsync(s.CompetitionId, organizer,
            new PublishNotice.Command(ChinaDate.Of(DateTimeOffset.UtcNow), 5, "组织部 0312-1234567"));
        await new CloseNotice.Handler(services.GetRequiredService<IDbContextFactory<AppDbContext>>(), new ShiftedClock(TimeSpan.FromDays(20)))
            .HandleAsync(s.CompetitionId, organizer, new CloseNotice.Command("公示期满，无异议，按程序任职。"));
        return s;
    }
}
