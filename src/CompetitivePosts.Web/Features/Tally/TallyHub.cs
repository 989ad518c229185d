using Microsoft.AspNetCore.SignalR;

namespace CompetitivePosts.Web.Features.Tally;

/// <summary>
/// Live tally for clients without a Blazor circuit (projector screens, other apps): join a
/// competition's group and receive "TallyChanged" after every committed ballot.
/// </summary>
public sealed class TallyHub : Hub
{
    public const string Path = "/hubs/tally";
    public const string TallyChanged = "TallyChanged";

    public static string Group(int competitionId) => "competition-" + competitionId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public Task Join(int competitionId) => Groups.AddToGroupAsync(Context.ConnectionId, Group(competitionId));

    public Task Leave(int competitionId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, Group(competitionId));
}

/// <summary>Relays the in-process notifier to the hub's groups.</summary>
internal sealed class TallyHubRelay(TallyNotifier notifier, IHubContext<TallyHub> hub) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = notifier.Subscribe(null, id => hub.Clients.Group(TallyHub.Group(id)).SendAsync(TallyHub.TallyChanged, id));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }
}
