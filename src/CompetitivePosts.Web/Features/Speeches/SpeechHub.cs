using CompetitivePosts.Web.Features.Common;
using CompetitivePosts.Web.Features.Projector;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace CompetitivePosts.Web.Features.Speeches;

/// <summary>
/// The speech clock for screens on other devices. A projector joins with its link's token, a
/// signed-in user who may see the unit joins by competition; either gets the state back at once
/// and "SpeechChanged" with the new state after every change. Refusals are explicit HubExceptions.
/// </summary>
/// <remarks>
/// Anyone may connect, because a projector has no account; each method declares its own policy (ADR 0013).
/// </remarks>
[AllowAnonymous]
public sealed class SpeechHub(SpeechLiveQuery live, ProjectorLinks links) : Hub
{
    public const string Path = "/hubs/speech";
    public const string Changed = "SpeechChanged";
    public const string Closed = "ProjectorClosed";
    public const string InvalidLink = "This projector link is not valid or has expired.";

    public static string PanelGroup(int competitionId) => "speech-" + competitionId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string LinkGroup(int linkId) => "projector-link-" + linkId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [AllowAnonymous]
    [TokenScoped(TokenKinds.Projector)]
    public async Task<SpeechLiveDto> WatchAsProjector(string token)
    {
        var access = await links.ResolveAsync(token, ProjectorPurposes.Speeches, Context.ConnectionAborted)
            ?? throw new HubException(InvalidLink);
        var state = await live.GetAsync(access.CompetitionId, Context.ConnectionAborted) ?? throw new HubException(InvalidLink);
        await Groups.AddToGroupAsync(Context.ConnectionId, LinkGroup(access.LinkId), Context.ConnectionAborted);
        return state.State with { LinkExpiresAt = access.ExpiresAt.ToUnixTimeMilliseconds() };
    }

    [Authorize(Policy = Policies.CompetitionViewers)]
    public async Task<SpeechLiveDto> Watch(int competitionId)
    {
        var actor = Actor.From(Context.User ?? new System.Security.Claims.ClaimsPrincipal());
        var state = await live.GetAsync(competitionId, Context.ConnectionAborted);
        // One answer for "no such competition" and "not yours", so the hub does not reveal which ids exist.
        if (state is not { } found || !actor.CanView(found.UnitId))
        {
            throw new HubException("You may not see this unit's competition.");
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, PanelGroup(competitionId), Context.ConnectionAborted);
        return found.State;
    }
}

/// <summary>
/// Relays speech and link changes to the hub: the new state to signed-in watchers and to every
/// valid projector link of the competition, and "ProjectorClosed" to links revoked or expired.
/// </summary>
internal sealed class SpeechHubRelay(SpeechNotifier speech, ProjectorLinkNotifier linkChanges, SpeechLiveQuery live, ProjectorLinks links, IHubContext<SpeechHub> hub)
    : IHostedService
{
    private IDisposable[] _subscriptions = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscriptions = [speech.SubscribeHere(null, SendAsync), linkChanges.SubscribeHere(null, SendAsync)];
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        // A host can be stopped twice at once (a test's own stop and the factory's dispose): take the
        // subscriptions atomically so each is disposed once and no list is changed while it is walked.
        foreach (var subscription in Interlocked.Exchange(ref _subscriptions, []))
        {
            subscription.Dispose();
        }

        return Task.CompletedTask;
    }

    private async Task SendAsync(int competitionId)
    {
        if (await live.GetAsync(competitionId) is not { } found)
        {
            return;
        }

        await hub.Clients.Group(SpeechHub.PanelGroup(competitionId)).SendAsync(SpeechHub.Changed, found.State);
        foreach (var link in await links.RecentAsync(competitionId, ProjectorPurposes.Speeches))
        {
            var group = hub.Clients.Group(SpeechHub.LinkGroup(link.Id));
            await (link.IsValid
                ? group.SendAsync(SpeechHub.Changed, found.State with { LinkExpiresAt = link.ExpiresAt.ToUnixTimeMilliseconds() })
                : group.SendAsync(SpeechHub.Closed));
        }
    }
}
