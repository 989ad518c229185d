using CompetitivePosts.Web.Features.Common;
using StackExchange.Redis;

namespace CompetitivePosts.Web.Features.ScaleOut;

/// <summary>
/// Several app instances behind one address (ADR 0018): with Redis configured, live channels and
/// SignalR hubs reach the screens of every instance; without it, one instance works as before.
/// </summary>
internal static class ScaleOut
{
    /// <summary>The Redis configuration string, from <c>ConnectionStrings:Redis</c> or <c>Redis:Configuration</c>; null for one instance.</summary>
    public static string? RedisConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.GetConnectionString("Redis") is { Length: > 0 } cs ? cs
            : configuration["Redis:Configuration"] is { Length: > 0 } c ? c : null;
    }

    public static IServiceCollection AddScaleOut(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var signalR = services.AddSignalR();
        if (RedisConfiguration(configuration) is not { } redis)
        {
            return services;
        }

        // Deployments that share one Redis keep apart by prefix.
        var prefix = configuration["Redis:ChannelPrefix"] is { Length: > 0 } p ? p : "competitiveposts";
        var instance = InstanceName(configuration) ?? Environment.MachineName;
        services.AddSingleton<ILiveTransport>(sp => new RedisLiveTransport(Options(redis, instance), prefix, sp.GetRequiredService<ILogger<RedisLiveTransport>>()));
        signalR.AddStackExchangeRedis(o =>
        {
            o.Configuration = Options(redis, instance);
            o.Configuration.ChannelPrefix = RedisChannel.Literal(prefix + ":signalr");
        });
        return services;
    }

    /// <summary>
    /// Registers a live channel as a singleton, attached to the other instances when Redis is
    /// configured. Every <see cref="LiveChannel{TKey}"/> is registered this way (a test checks).
    /// </summary>
    public static IServiceCollection AddLiveChannel<TChannel>(this IServiceCollection services)
        where TChannel : class, ILiveChannel, new()
    {
        services.AddSingleton(sp =>
        {
            var channel = new TChannel();
            if (sp.GetService<ILiveTransport>() is { } transport)
            {
                channel.Attach(transport);
            }

            return channel;
        });
        return services;
    }

    /// <summary>Names the answering instance in an <c>X-Instance</c> header, so an operator (and the loopback test) can see where nginx sent a request.</summary>
    public static WebApplication UseInstanceHeader(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (InstanceName(app.Configuration) is { } name)
        {
            app.Use((context, next) =>
            {
                context.Response.Headers["X-Instance"] = name;
                return next(context);
            });
        }

        return app;
    }

    private static string? InstanceName(IConfiguration configuration) =>
        configuration["ScaleOut:InstanceName"] is { Length: > 0 } n ? n : null;

    private static ConfigurationOptions Options(string redis, string instance)
    {
        var options = ConfigurationOptions.Parse(redis);
        // Start and keep serving while Redis is away; the multiplexer reconnects and resubscribes by itself.
        options.AbortOnConnectFail = false;
        options.ClientName ??= "competitiveposts-" + instance;
        return options;
    }
}

/// <summary>Redis pub/sub under the live channels: one Redis channel per kind of news.</summary>
internal sealed partial class RedisLiveTransport(ConfigurationOptions options, string prefix, ILogger<RedisLiveTransport> logger)
    : ILiveTransport, IDisposable
{
    private readonly ConnectionMultiplexer _redis = ConnectionMultiplexer.Connect(options);

    public async Task<bool> PublishAsync(string channel, string message)
    {
        if (!_redis.IsConnected)
        {
            // Known to be away: a publish would wait in the client's backlog for its timeout before failing.
            LogPublishFailed(logger, null, channel);
            return false;
        }

        try
        {
            await _redis.GetSubscriber().PublishAsync(Channel(channel), message);
            return true;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // RedisTimeoutException is a TimeoutException, not a RedisException: a publish that waited for Redis in vain.
            LogPublishFailed(logger, ex, channel);
            return false;
        }
    }

    public void Subscribe(string channel, Func<string, Task> onMessage)
    {
        ArgumentNullException.ThrowIfNull(onMessage);
        try
        {
            // One queue per channel handles its messages in order, one at a time.
            _redis.GetSubscriber().Subscribe(Channel(channel)).OnMessage(async m =>
            {
                try
                {
                    await onMessage(m.Message!);
                }
#pragma warning disable CA1031 // A bad message must not end the subscription.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    LogHandlerFailed(logger, ex, channel);
                }
            });
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The multiplexer keeps the subscription and restores it when Redis is back.
            LogSubscribeFailed(logger, ex, channel);
        }
    }

    public void Dispose() => _redis.Dispose();

    private RedisChannel Channel(string channel) => RedisChannel.Literal(prefix + ":live:" + channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis unreachable: {Channel} reached this instance's screens only")]
    private static partial void LogPublishFailed(ILogger logger, Exception? ex, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis unreachable when subscribing to {Channel}; it resubscribes when Redis is back")]
    private static partial void LogSubscribeFailed(ILogger logger, Exception ex, string channel);

    [LoggerMessage(Level = LogLevel.Error, Message = "A live message on {Channel} could not be handled")]
    private static partial void LogHandlerFailed(ILogger logger, Exception ex, string channel);
}
