using System.Globalization;

namespace CompetitivePosts.Web.Features.Common;

/// <summary>
/// Tells open screens that something they show changed: dashboards, projectors, control panels.
/// A singleton per kind of news, fed after the change is durable; subscribers dispose their
/// subscription when their component goes away (the pattern of eShop's
/// OrderStatusNotificationService). Keys are what a screen follows: a competition, a round.
/// Scale-out replaces only how <see cref="PublishAsync"/> reaches the other instances.
/// </summary>
public class LiveChannel<TKey>
    where TKey : struct
{
    private readonly Lock _gate = new();
    private readonly List<Subscription> _subscriptions = [];

    /// <summary>Subscribes to one key, or to all when <paramref name="key"/> is null.</summary>
    public IDisposable Subscribe(TKey? key, Func<TKey, Task> onChanged)
    {
        var subscription = new Subscription(this, key, onChanged);
        lock (_gate)
        {
            _subscriptions.Add(subscription);
        }

        return subscription;
    }

    public async Task PublishAsync(TKey key)
    {
        Subscription[] targets;
        lock (_gate)
        {
            targets = [.. _subscriptions.Where(s => s.Key is null || s.Key.Value.Equals(key))];
        }

        foreach (var target in targets)
        {
            // The callback renders a subscriber's screen; culture flows with the async context, so
            // without this a Chinese page would re-render in the language of whoever published.
            var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
            try
            {
                (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (target.Culture, target.UICulture);
                await target.OnChanged(key);
            }
#pragma warning disable CA1031 // One broken screen must not stop the others, nor fail the change that published.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
            finally
            {
                (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
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

    private sealed class Subscription(LiveChannel<TKey> owner, TKey? key, Func<TKey, Task> onChanged) : IDisposable
    {
        public TKey? Key { get; } = key;

        public Func<TKey, Task> OnChanged { get; } = onChanged;

        /// <summary>The subscriber's language, captured when it subscribed (on its own circuit).</summary>
        public CultureInfo Culture { get; } = CultureInfo.CurrentCulture;

        public CultureInfo UICulture { get; } = CultureInfo.CurrentUICulture;

        public void Dispose() => owner.Remove(this);
    }
}
