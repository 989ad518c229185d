namespace CompetitivePosts.Web.Features.Tally;

/// <summary>
/// Tells open dashboards that a competition's tally changed. Singleton, fed by ballot commits after
/// they are durable; subscribers dispose their subscription when their component goes away
/// (the pattern of eShop's OrderStatusNotificationService).
/// </summary>
public sealed class TallyNotifier
{
    private readonly Lock _gate = new();
    private readonly List<Subscription> _subscriptions = [];

    /// <summary>Subscribes to one competition, or to all when <paramref name="competitionId"/> is null.</summary>
    public IDisposable Subscribe(int? competitionId, Func<int, Task> onChanged)
    {
        var subscription = new Subscription(this, competitionId, onChanged);
        lock (_gate)
        {
            _subscriptions.Add(subscription);
        }

        return subscription;
    }

    public async Task PublishAsync(int competitionId)
    {
        Subscription[] targets;
        lock (_gate)
        {
            targets = [.. _subscriptions.Where(s => s.CompetitionId is null || s.CompetitionId == competitionId)];
        }

        foreach (var target in targets)
        {
            try
            {
                await target.OnChanged(competitionId);
            }
#pragma warning disable CA1031 // One broken dashboard must not stop the others, nor fail the voter's submit.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    internal int SubscriberCount
    {
        get
        {
            lock (_gate)
            {
                return _subscriptions.Count;
            }
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate)
        {
            _subscriptions.Remove(subscription);
        }
    }

    private sealed class Subscription(TallyNotifier owner, int? competitionId, Func<int, Task> onChanged) : IDisposable
    {
        public int? CompetitionId { get; } = competitionId;

        public Func<int, Task> OnChanged { get; } = onChanged;

        public void Dispose() => owner.Remove(this);
    }
}
