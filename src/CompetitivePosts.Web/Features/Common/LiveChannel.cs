using System.Globalization;
using System.Text.Json;

namespace CompetitivePosts.Web.Features.Common;

/// <summary>
/// Tells open screens that something they show changed: dashboards, projectors, control panels.
/// A singleton per kind of news, fed after the change is durable; subscribers dispose their
/// subscription when their component goes away (the pattern of eShop's
/// OrderStatusNotificationService). Keys are what a screen follows: a competition, a round.
/// With several instances (ADR 0018) a channel is attached to an <see cref="ILiveTransport"/>
/// (Redis): <see cref="PublishAsync"/> goes through it and every instance raises its own screens.
/// </summary>
public class LiveChannel<TKey> : ILiveChannel
    where TKey : struct
{
    private readonly Lock _gate = new();
    private readonly List<Subscription> _subscriptions = [];
    private ILiveTransport? _transport;

    /// <summary>The name the channel has across instances: one per kind of news.</summary>
    public string Name => GetType().FullName!;

    public bool IsAttached => _transport is not null;

    /// <summary>
    /// Subscribes a screen to one key, or to all when <paramref name="key"/> is null: raised on
    /// every instance, since each instance serves its own screens.
    /// </summary>
    public IDisposable Subscribe(TKey? key, Func<TKey, Task> onChanged) => Add(key, onChanged, here: false);

    /// <summary>
    /// Raised once per change, on the instance that published it: for relays to SignalR hubs,
    /// whose sends the Redis backplane already carries to every instance (a relay on each
    /// instance would send every message once per instance).
    /// </summary>
    public IDisposable SubscribeHere(TKey? key, Func<TKey, Task> onChanged) => Add(key, onChanged, here: true);

    public async Task PublishAsync(TKey key)
    {
        if (_transport is null)
        {
            await RaiseAsync(key, here: null);
            return;
        }

        // The relays send through the SignalR backplane, which waits out its timeout while Redis is away: they must not hold up
        // the news to this instance's screens.
        var relays = RaiseAsync(key, here: true);
        if (!await _transport.PublishAsync(Name, JsonSerializer.Serialize(key)))
        {
            // The bus is down: this instance's screens still hear of the change; the others reload on their own.
            await RaiseAsync(key, here: false);
        }

        await relays;
    }

    /// <summary>Connects the channel to the other instances; once, at construction through DI.</summary>
    void ILiveChannel.Attach(ILiveTransport transport)
    {
        ArgumentNullException.ThrowIfNull(transport);
        if (_transport is not null)
        {
            throw new InvalidOperationException($"{Name} is already attached to a transport.");
        }

        _transport = transport;
        transport.Subscribe(Name, message => RaiseAsync(JsonSerializer.Deserialize<TKey>(message), here: false));
    }

    private Subscription Add(TKey? key, Func<TKey, Task> onChanged, bool here)
    {
        var subscription = new Subscription(this, key, onChanged, here);
        lock (_gate)
        {
            _subscriptions.Add(subscription);
        }

        return subscription;
    }

    /// <summary>Raises the subscribers of <paramref name="key"/>: screens, relays, or both when <paramref name="here"/> is null.</summary>
    private async Task RaiseAsync(TKey key, bool? here)
    {
        Subscription[] targets;
        lock (_gate)
        {
            targets = [.. _subscriptions.Where(s => (s.Key is null || s.Key.Value.Equals(key)) && (here is null || s.Here == here))];
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

    private sealed class Subscription(LiveChannel<TKey> owner, TKey? key, Func<TKey, Task> onChanged, bool here) : IDisposable
    {
        public TKey? Key { get; } = key;

        public bool Here { get; } = here;

        public Func<TKey, Task> OnChanged { get; } = onChanged;

        /// <summary>The subscriber's language, captured when it subscribed (on its own circuit).</summary>
        public CultureInfo Culture { get; } = CultureInfo.CurrentCulture;

        public CultureInfo UICulture { get; } = CultureInfo.CurrentUICulture;

        public void Dispose() => owner.Remove(this);
    }
}

/// <summary>How channels reach the other instances: publish a message, and hear every instance's (this one's too).</summary>
public interface ILiveTransport
{
    /// <summary>False when the message could not be sent (the bus is unreachable).</summary>
    Task<bool> PublishAsync(string channel, string message);

    void Subscribe(string channel, Func<string, Task> onMessage);
}

/// <summary>What registration needs of any live channel, whatever its key.</summary>
internal interface ILiveChannel
{
    string Name { get; }

    bool IsAttached { get; }

    void Attach(ILiveTransport transport);
}
