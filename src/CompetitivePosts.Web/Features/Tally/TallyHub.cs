using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Common;
using CompetitivePosts.Web.Features.Projector;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Tally;

/// <summary>
/// Live tally for clients without a Blazor circuit (projector screens, other apps, the bench). A signed-in
/// viewer of the unit calls <see cref="JoinRound"/>, a projector <see cref="WatchAsProjector"/> with its
/// link's token; either gets the full snapshot back at once (so a reconnect starts from the whole state)
/// and "TallyUpdated" after changes, at most five times a second (TallyFeed.MinInterval), each with a sequence number and the
/// server's time (docs/adr/0021). "TallyChanged" with the competition id remains for older clients.
/// </summary>
/// <remarks>
/// Anyone may connect, and connecting alone receives nothing: each method declares its own policy
/// (ADR 0013). Refusals are HubExceptions that name no competition, so ids cannot be probed.
/// </remarks>
[AllowAnonymous]
public sealed class TallyHub(TallyFeed feed, ProjectorLinks links, IDbContextFactory<AppDbContext> dbFactory) : Hub
{
    public const string Path = "/hubs/tally";
    public const string TallyChanged = "TallyChanged";
    public const string Updated = "TallyUpdated";
    public const string ProjectorClosed = "ProjectorClosed";
    public const string NotYours = "You may not see this unit's competition.";
    public const string InvalidLink = "This projector link is not valid or has expired.";

    public static string Group(int competitionId) => "competition-" + competitionId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Authorize(Policy = Policies.CompetitionViewers)]
    public Task Join(int competitionId) => Groups.AddToGroupAsync(Context.ConnectionId, Group(competitionId));

    [Authorize(Policy = Policies.CompetitionViewers)]
    public Task Leave(int competitionId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, Group(competitionId));

    /// <summary>Follows one voting round of the competition (recommendation or evaluation); returns its full snapshot now.</summary>
    [Authorize(Policy = Policies.CompetitionViewers)]
    public async Task<TallyPushDto> JoinRound(int competitionId, int roundId)
    {
        var actor = Actor.From(Context.User ?? new System.Security.Claims.ClaimsPrincipal());
        await using (var db = await dbFactory.CreateDbContextAsync(Context.ConnectionAborted))
        {
            var unitId = await db.VotingRounds.AsNoTracking()
                .Where(r => r.Id == roundId && r.CompetitionId == competitionId)
                .Join(db.Competitions, r => r.CompetitionId, c => c.Id, (r, c) => (int?)c.UnitId)
                .FirstOrDefaultAsync(Context.ConnectionAborted);
            if (unitId is not { } unit || !actor.CanView(unit))
            {
                throw new HubException(NotYours);
            }
        }

        Follow(roundId, competitionId, linkId: null);
        var snapshot = await feed.ReadAsync(roundId, Context.ConnectionAborted) ?? throw new HubException(NotYours);
        return TallyPushDto.ForViewer(snapshot) with { Competition = await NameAsync(competitionId) };
    }

    /// <summary>The round's projector: turnout, and results only as the plan allows (after the close by default).</summary>
    [AllowAnonymous]
    [TokenScoped(TokenKinds.TallyProjector)]
    public async Task<TallyPushDto> WatchAsProjector(string token)
    {
        var access = await links.ResolveAsync(token, ProjectorPurposes.Tally, Context.ConnectionAborted);
        if (access?.ScopeId is not { } roundId || await feed.ReadAsync(roundId, Context.ConnectionAborted) is not { } snapshot)
        {
            throw new HubException(InvalidLink);
        }

        Follow(roundId, access.CompetitionId, access.LinkId);
        return TallyPushDto.ForProjector(snapshot) with { Competition = await NameAsync(access.CompetitionId) };
    }

    private async Task<string?> NameAsync(int competitionId)
    {
        await using var db = await dbFactory.CreateDbContextAsync(Context.ConnectionAborted);
        return await db.Competitions.Where(c => c.Id == competitionId).Select(c => c.Name).FirstOrDefaultAsync(Context.ConnectionAborted);
    }

    /// <summary>The feed forgets the connection when it ends (without overriding OnDisconnectedAsync, which would read as a hub method).</summary>
    private void Follow(int roundId, int competitionId, int? linkId)
    {
        var connectionId = Context.ConnectionId;
        feed.AddConnection(roundId, competitionId, connectionId, linkId);
        Context.ConnectionAborted.Register(() => feed.RemoveConnection(connectionId));
    }
}

/// <summary>Relays the in-process notifier to the hub's per-competition groups ("TallyChanged").</summary>
internal sealed class TallyHubRelay(TallyNotifier notifier, IHubContext<TallyHub> hub) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = notifier.SubscribeHere(null, id => hub.Clients.Group(TallyHub.Group(id)).SendAsync(TallyHub.TallyChanged, id));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _subscription, null)?.Dispose();
        return Task.CompletedTask;
    }
}
