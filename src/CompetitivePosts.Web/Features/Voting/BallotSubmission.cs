using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Voting;
using CompetitivePosts.Web.Features.Tally;

namespace CompetitivePosts.Web.Features.Voting;

public enum BallotState
{
    /// <summary>Unknown, revoked or excluded token, or a round that is not open: one generic answer, so tokens cannot be probed.</summary>
    Unknown,
    Open,
    AlreadyVoted,
}

public sealed record BallotView(BallotState State, RoundSheet? Sheet = null, string VoterName = "", VoterCategory Category = VoterCategory.C)
{
    public static BallotView Unknown { get; } = new(BallotState.Unknown);
}

public enum SubmitOutcome
{
    Accepted,

    /// <summary>Valid, shown back to the voter for a last look; nothing saved yet.</summary>
    Review,

    /// <summary>The voter went back from the last look (返回修改): the marking step again with their marks; nothing saved.</summary>
    Editing,
    AlreadyVoted,
    Unknown,
    Invalid,
}

/// <summary>What a post came to, with the ballot as the voter saw it (round, name) so the page can show it again.</summary>
public sealed record SubmitResult(SubmitOutcome Outcome, BallotView View, IReadOnlyList<DomainMessage>? Problems = null, short[]? Choices = null,
    string? Receipt = null);

/// <summary>
/// The tablet ballot: reading it by token, checking it, and committing it once. Everything here
/// runs per request without the competition aggregate, the roll or other voters' tokens
/// (docs/adr/0016); the page that uses it is static, so a submit needs no Blazor circuit.
/// </summary>
public sealed class BallotSubmission(BallotStore store, TallyNotifier notifier, TimeProvider clock, ILogger<BallotSubmission> log)
{
    public async Task<BallotView> LoadAsync(string? token, CancellationToken ct = default)
    {
        var hash = HashOf(token);
        var (view, state) = await ResolveAsync(hash, ct);
        if (view.State == BallotState.Open)
        {
            store.Remember(hash!, state!);
        }

        return view;
    }

    /// <summary>Checks a posted ballot; at <see cref="BallotStep.Submit"/> commits it, otherwise only says whether it would be accepted.</summary>
    public async Task<SubmitResult> SubmitAsync(string? token, BallotPost post, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(post);
        var hash = HashOf(token);

        // After its page load here, a submit reads nothing before its own statement, which checks that the slip is live and
        // unused and the round open (docs/adr/0035). A review, or a submit that fails its checks, reads the slip as it is now.
        var recalled = post.Step == BallotStep.Submit && hash is not null ? await RecallAsync(hash, ct) : null;
        var (view, state) = recalled ?? await ResolveAsync(hash, ct);
        if (view.State != BallotState.Open)
        {
            return Refused(view);
        }

        var round = view.Sheet!.Round;
        var problems = new List<DomainMessage>(post.Problems);
        var reading = round.Read(post.Marks);
        problems.AddRange(reading.Problems);
        byte[]? signature = null;
        if (round.IsSigned)
        {
            var name = post.SignedName?.Trim();
            if (string.IsNullOrEmpty(name))
            {
                problems.Add(new DomainMessage("Please sign the ballot with your name."));
            }
            else if (name.Length > CadreDetails.NameLength)
            {
                // Said as the limit it is, like every other text field (HostileInputTests), rather than as a wrong name.
                problems.Add(new DomainMessage("Text is longer than {0} characters.", CadreDetails.NameLength));
            }
            else if (!string.Equals(name, view.VoterName, StringComparison.Ordinal))
            {
                problems.Add(new DomainMessage("The signature must be the voter's own name as printed on the roll."));
            }

            signature = post.SignaturePng();
            var drawn = post.SignatureDataUrl is { Length: > 0 } && signature is null
                ? new DomainMessage("The drawn signature could not be read. Please clear it and sign again.")
                : SignatureImage.Problem(signature);
            if (drawn is not null)
            {
                problems.Add(drawn);
            }
        }

        if (problems.Count > 0 && recalled is not null && (await ResolveAsync(hash, ct)).View is { State: not BallotState.Open } now)
        {
            // A used or dead slip is said to be so, not that its ballot has mistakes, as without the page load's facts.
            store.Forget(hash!);
            return Refused(now);
        }

        if (problems.Count > 0)
        {
            log.LogInformation("Ballot refused as invalid in round {RoundId}: {Problems}", round.Id, string.Join(" | ", problems.Select(p => p.Key)));
            return new SubmitResult(SubmitOutcome.Invalid, view, problems);
        }

        if (post.Step == BallotStep.Mark)
        {
            return new SubmitResult(SubmitOutcome.Editing, view, Choices: reading.Choices);
        }

        if (post.Step != BallotStep.Submit)
        {
            return new SubmitResult(SubmitOutcome.Review, view, Choices: reading.Choices);
        }

        var at = clock.GetUtcNow();
        string? receipt = null;
        bool accepted;
        if (round.IsSigned)
        {
            var ballot = new SignedBallot(round.Id, state!.VoterId, state.Category, post.SignedName!.Trim(), signature!, reading.Choices!, at);
            accepted = await store.InsertAsync(state.TokenId, ballot, ct);
            receipt = ballot.Receipt;
        }
        else
        {
            accepted = await store.InsertAsync(state!.TokenId, new UnsignedBallot(round.Id, state.Category, reading.Choices!), at, ct);
        }

        store.Forget(hash!);

        if (!accepted)
        {
            // Someone else used the token first, the slip was revoked, or the round closed in between.
            var after = await store.FindAsync(hash!, ct);
            var outcome = after is { Used: true, Revoked: false } ? SubmitOutcome.AlreadyVoted : SubmitOutcome.Unknown;
            log.LogInformation("Ballot refused at commit in round {RoundId}: {Outcome}", round.Id, outcome);
            return new SubmitResult(outcome, outcome == SubmitOutcome.AlreadyVoted ? new BallotView(BallotState.AlreadyVoted) : BallotView.Unknown);
        }

        // The ballot is stored: news of it to the live screens is not awaited, so nothing on their side (Redis away, a slow
        // screen) can delay the voter's receipt or turn it into an error page.
        _ = PublishAsync(round.CompetitionId);
        return new SubmitResult(SubmitOutcome.Accepted, view, Choices: reading.Choices, Receipt: receipt);
    }

    // Tokens are 22 characters; anything far from that is not worth a query.
    private static string? HashOf(string? token) => string.IsNullOrEmpty(token) || token.Length > 64 ? null : SecretToken.Hash(token);

    private async Task PublishAsync(int competitionId)
    {
        try
        {
            await notifier.PublishAsync(competitionId);
        }
#pragma warning disable CA1031 // After the commit nothing may fail the ballot; the feed's reconciliation reads the counts again.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            log.LogWarning("News of a ballot in competition {CompetitionId} not published: {Error}", competitionId, ex.Message);
        }
    }

    private SubmitResult Refused(BallotView view)
    {
        log.LogInformation("Ballot refused: {Outcome}", view.State);
        return new SubmitResult(view.State == BallotState.AlreadyVoted ? SubmitOutcome.AlreadyVoted : SubmitOutcome.Unknown, view);
    }

    /// <summary>The slip as its page load here found it, if it did: live, unused, its round open, as far as that load knew.</summary>
    private async Task<(BallotView View, TokenState? State)?> RecallAsync(string hash, CancellationToken ct)
    {
        if (store.Recall(hash) is not { } facts || await store.SheetAsync(facts.RoundId, ct) is not { } sheet)
        {
            return null;
        }

        var state = new TokenState(facts.TokenId, Used: false, Revoked: false, facts.VoterId, facts.VoterName, facts.Category, facts.RoundId, RoundStatus.Open,
            ClosesAt: null);
        return (new BallotView(BallotState.Open, sheet, facts.VoterName, facts.Category), state);
    }

    private async Task<(BallotView View, TokenState? State)> ResolveAsync(string? hash, CancellationToken ct)
    {
        if (hash is null)
        {
            return (BallotView.Unknown, null);
        }

        var state = await store.FindAsync(hash, ct);
        if (state is null || state.Revoked)
        {
            return (BallotView.Unknown, state);
        }

        if (state.Used)
        {
            return (new BallotView(BallotState.AlreadyVoted), state);
        }

        var open = state.RoundStatus == RoundStatus.Open && (state.ClosesAt is null || clock.GetUtcNow() < state.ClosesAt);
        var sheet = open ? await store.SheetAsync(state.RoundId, ct) : null;
        return sheet is null
            ? (BallotView.Unknown, state)
            : (new BallotView(BallotState.Open, sheet, state.VoterName, state.Category), state);
    }
}
