using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Voting;
using CompetitivePosts.Web.Features.Voting;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitivePosts.Web.Tests.Features.Voting;

[Collection(AppTests.Name)]
public class BallotSubmissionTests(AppFixture app)
{
    private static BallotSubmission Handler(IServiceScope scope) => scope.ServiceProvider.GetRequiredService<BallotSubmission>();

    private async Task<int> BallotCountAsync(int competitionId)
    {
        await using var db = app.NewDb();
        return await db.Ballots.CountAsync(b => b.CompetitionId == competitionId);
    }

    [Fact]
    public async Task SubmitAsync_ValidSignedBallot_IsCommittedWithItsMarks()
    {
        var s = await app.OpenForVotingAsync();
        using var scope = app.Services.CreateScope();

        var result = await Handler(scope).SubmitAsync(s.Tokens["丙"], "丙", new Dictionary<int, Choice> { [s.Id("乙")] = Choice.Disagree });

        Assert.Equal(SubmitOutcome.Accepted, result.Outcome);
        await using var db = app.NewDb();
        var ballot = await db.Ballots.Include(b => b.Marks).SingleAsync(b => b.CompetitionId == s.CompetitionId);
        Assert.Equal(VoterCategory.C, ballot.Category);
        Assert.Equal("丙", ballot.SignedName);
        Assert.Equal(Choice.Disagree, ballot.Marks.Single(m => m.CandidateId == s.Id("乙")).Choice);
        Assert.Equal(Choice.Abstain, ballot.Marks.Single(m => m.CandidateId == s.Id("丙")).Choice);
    }

    [Fact]
    public async Task SubmitAsync_SameTokenTwice_SecondIsRefusedAndFirstStands()
    {
        var s = await app.OpenForVotingAsync();
        using var scope = app.Services.CreateScope();
        await Handler(scope).SubmitAsync(s.Tokens["甲"], "甲", new Dictionary<int, Choice> { [s.Id("乙")] = Choice.Agree });

        var second = await Handler(scope).SubmitAsync(s.Tokens["甲"], "甲", new Dictionary<int, Choice> { [s.Id("乙")] = Choice.Disagree });

        Assert.Equal(SubmitOutcome.AlreadyVoted, second.Outcome);
        await using var db = app.NewDb();
        var marks = await db.BallotMarks.Where(m => m.CandidateId == s.Id("乙")).Select(m => m.Choice).ToListAsync();
        Assert.Equal([Choice.Agree], marks);
    }

    [Fact]
    public async Task SaveChanges_SecondBallotForSameVoter_IsRejectedByTheDatabase()
    {
        // Bypasses the handler on purpose: the single use must hold even for code that forgets to check.
        var s = await app.OpenForVotingAsync();
        await using var db = app.NewDb();
        var voter = await db.Voters.SingleAsync(v => v.Token == s.Tokens["乙"]);
        int[] candidates = [s.Id("乙"), s.Id("丙")];
        db.Ballots.Add(new Ballot(s.CompetitionId, voter, "乙", new Dictionary<int, Choice>(), candidates, DateTimeOffset.UtcNow));
        db.Ballots.Add(new Ballot(s.CompetitionId, voter, "乙", new Dictionary<int, Choice>(), candidates, DateTimeOffset.UtcNow));

        var ex = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        Assert.Contains("IX_Ballots_VoterId", ex.InnerException!.Message, StringComparison.Ordinal);
        Assert.Equal(0, await BallotCountAsync(s.CompetitionId));
    }

    [Fact]
    public async Task SubmitAsync_ConcurrentSubmitsOfOneToken_ExactlyOneIsAccepted()
    {
        var s = await app.OpenForVotingAsync();
        var marks = new Dictionary<int, Choice> { [s.Id("丙")] = Choice.Agree };

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var scope = app.Services.CreateScope();
            return (await Handler(scope).SubmitAsync(s.Tokens["丁"], "丁", marks)).Outcome;
        }));

        Assert.Equal(1, results.Count(r => r == SubmitOutcome.Accepted));
        Assert.Equal(7, results.Count(r => r == SubmitOutcome.AlreadyVoted));
        Assert.Equal(1, await BallotCountAsync(s.CompetitionId));
    }

    [Fact]
    public async Task SubmitAsync_SignatureIsNotTheVotersName_IsInvalidAndNothingSaved()
    {
        var s = await app.OpenForVotingAsync();
        using var scope = app.Services.CreateScope();

        var result = await Handler(scope).SubmitAsync(s.Tokens["丙"], "别人", new Dictionary<int, Choice>());

        Assert.Equal(SubmitOutcome.Invalid, result.Outcome);
        Assert.Equal("The signature must be the voter's own name as printed on the roll.", result.Error!.MessageKey);
        Assert.Equal(0, await BallotCountAsync(s.CompetitionId));
    }

    [Fact]
    public async Task SubmitAsync_UnknownToken_IsUnknown()
    {
        using var scope = app.Services.CreateScope();

        var result = await Handler(scope).SubmitAsync("no-such-token", "甲", new Dictionary<int, Choice>());

        Assert.Equal(SubmitOutcome.Unknown, result.Outcome);
    }

    [Fact]
    public async Task LoadAsync_BallotOfOpenVote_ListsCandidatesInSpeechOrder()
    {
        var s = await app.OpenForVotingAsync();
        using var scope = app.Services.CreateScope();

        var view = await Handler(scope).LoadAsync(s.Tokens["甲"]);

        Assert.Equal(BallotState.Open, view.State);
        Assert.Equal(VoterCategory.A, view.Category);
        await using var db = app.NewDb();
        var order = await db.Competitions.Where(c => c.Id == s.CompetitionId).SelectMany(c => c.SpeechSlots)
            .OrderBy(x => x.Order).Select(x => x.CadreId).ToListAsync();
        Assert.Equal(2, order.Count);
        Assert.Equal(order, view.Candidates.Select(c => c.CadreId));
    }
}
