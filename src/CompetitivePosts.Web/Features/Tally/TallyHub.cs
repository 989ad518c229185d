using CompetitivePosts.Web.Features.Common;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace CompetitivePosts.Web.Features.Tally;

/// <summary>
/// Live tally for clients without a Blazor circuit (projector screens, other apps): join a
/// competition's group and receive "TallyChanged" after every committed ballot.
/// </summary>
/// <remarks>
/// Anyone may connect, and connecting alone receives nothing: each method declares its own policy,
/// and <see cref="Join"/> needs an account that may see the competition's unit (Policies.CompetitionViewers
/// reads the <c>competitionId</c> argument). An anonymous projector joins with a token instead, through a
/// method marked <c>[AllowAnonymous, TokenScoped(...)]</c> that checks the token itself (ADR 0013).
/// </remarks>
[AllowAnonymous]
public sealed class TallyHub : Hub
{
    public const string Path = "/hubs/tally";
    public const string TallyChanged = "TallyChanged";

    public static string Group(int competitionId) => "competition-" + competitionId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Authorize(Policy = Policies.CompetitionViewers)]
    public Task Join(int competitionId) => Groups.AddToGroupAsync(Context.ConnectionId, Group(competitionId));

    [Authorize(Policy = Policies.CompetitionViewers)]
    public Task Leave(int competitionId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, Group(competitionId));
}

/// <summary>Relays the in-process notifier to the hub's groups.</summary>
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
