namespace CompetitivePosts.Web.Features.Voting;

/// <summary>
/// Lets at most <see cref="Limit"/> ballot page loads (<c>GET /b/{token}</c>) run at once; the rest wait their turn in
/// order, before authentication, antiforgery and the page itself have spent CPU on them; the rate limiter runs first,
/// so one address's flood is refused rather than queued. Submits never wait here (docs/adr/0029): when a hall of
/// voters loads and submits at once, the CPU is shared by everything in flight, and a voter who pressed 提交 would
/// otherwise wait behind every page still loading. A waiting page costs a queued task, not a thread.
/// </summary>
public sealed class BallotPageGate : IDisposable
{
    private readonly SemaphoreSlim _slots;

    public BallotPageGate(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        Limit = limit;
        _slots = new SemaphoreSlim(limit, limit);
    }

    public int Limit { get; }

    /// <summary>Page loads running now.</summary>
    public int Running => Limit - _slots.CurrentCount;

    public static bool Applies(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return HttpMethods.IsGet(request.Method) && request.Path.StartsWithSegments("/b", StringComparison.Ordinal);
    }

    /// <summary>Runs <paramref name="next"/> once a slot is free; a request given up while waiting never runs.</summary>
    public async Task RunAsync(Func<Task> next, CancellationToken aborted)
    {
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await _slots.WaitAsync(aborted);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The tablet gave up (closed, reloaded) while waiting: there is nobody to answer.
            return;
        }

        try
        {
            await next();
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}

public static class BallotPageGateExtensions
{
    /// <summary>Settings key: how many ballot pages load at once (default: two per core).</summary>
    public const string LimitKey = "Ballots:PageLoadsAtOnce";

    public static IServiceCollection AddBallotPageGate(this IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton(new BallotPageGate(configuration.GetValue(LimitKey, 2 * Environment.ProcessorCount)));

    /// <summary>Right after the rate limiter: a waiting page load has cost little, and a refused one never waits.</summary>
    public static IApplicationBuilder UseBallotPageGate(this IApplicationBuilder app)
    {
        var gate = app.ApplicationServices.GetRequiredService<BallotPageGate>();
        return app.Use((context, next) =>
            BallotPageGate.Applies(context.Request) ? gate.RunAsync(() => next(context), context.RequestAborted) : next(context));
    }
}
