namespace CompetitivePosts.Web.Features.Voting;

/// <summary>What a request to the ballot path is, for <see cref="BallotGate"/>.</summary>
public enum BallotRequest
{
    /// <summary>Not a ballot request: never gated.</summary>
    Other,

    /// <summary><c>GET /b/{token}</c>: a page load.</summary>
    Page,

    /// <summary><c>POST /b/{token}</c>: a submit.</summary>
    Submit,
}

/// <summary>
/// Admission to the ballot path (docs/adr/0029, 0030). At most <see cref="Limit"/> ballot requests run at once, of
/// which at most <see cref="PageLimit"/> are page loads; the rest wait before authentication, antiforgery and the page
/// have spent CPU on them (the rate limiter runs first, so one address's flood is refused rather than queued). A
/// waiting submit always goes before a waiting page load: when a hall loads and submits at once, the CPU is shared by
/// everything in flight, and a voter who pressed 提交 would otherwise wait behind every page still loading and every
/// other submit those pages lead to. The queue is where a voter waits least visibly: a page that appears later. A
/// waiting request costs a queued task, not a thread; one given up while waiting never runs.
/// </summary>
public sealed class BallotGate
{
    private readonly Lock _lock = new();
    private readonly Queue<TaskCompletionSource> _submits = new();
    private readonly Queue<TaskCompletionSource> _pages = new();
    private int _running;
    private int _pagesRunning;

    public BallotGate(int limit, int pageLimit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageLimit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, pageLimit);
        Limit = limit;
        PageLimit = pageLimit;
    }

    public int Limit { get; }

    public int PageLimit { get; }

    /// <summary>Ballot requests running now.</summary>
    public int Running
    {
        get
        {
            lock (_lock)
            {
                return _running;
            }
        }
    }

    /// <summary>Page loads running now.</summary>
    public int PagesRunning
    {
        get
        {
            lock (_lock)
            {
                return _pagesRunning;
            }
        }
    }

    public static BallotRequest Classify(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Path.StartsWithSegments("/b", StringComparison.Ordinal))
        {
            return BallotRequest.Other;
        }

        return HttpMethods.IsGet(request.Method) ? BallotRequest.Page
            : HttpMethods.IsPost(request.Method) ? BallotRequest.Submit
            : BallotRequest.Other;
    }

    /// <summary>Runs <paramref name="next"/> once admitted; a request given up while waiting never runs.</summary>
    public async Task RunAsync(BallotRequest kind, Func<Task> next, CancellationToken aborted)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (kind == BallotRequest.Other)
        {
            await next();
            return;
        }

        var page = kind == BallotRequest.Page;
        TaskCompletionSource? wait = null;
        lock (_lock)
        {
            // A page never overtakes a waiting submit; a submit never waits behind a page.
            if (_running < Limit && (page ? _pagesRunning < PageLimit && _submits.Count == 0 : true))
            {
                Admit(page);
            }
            else
            {
                wait = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                (page ? _pages : _submits).Enqueue(wait);
            }
        }

        if (wait is not null)
        {
            await using (aborted.Register(() => Abandon(wait, page)))
            {
                try
                {
                    await wait.Task;
                }
                catch (OperationCanceledException) when (aborted.IsCancellationRequested)
                {
                    // The tablet gave up (closed, reloaded) while waiting: there is nobody to answer.
                    return;
                }
            }
        }

        try
        {
            await next();
        }
        finally
        {
            Release(page);
        }
    }

    private void Admit(bool page)
    {
        _running++;
        if (page)
        {
            _pagesRunning++;
        }
    }

    // Under the lock, so a hand-over and a cancellation never both happen to one waiter.
    private void Abandon(TaskCompletionSource wait, bool page)
    {
        lock (_lock)
        {
            if (wait.Task.IsCompleted)
            {
                return;
            }

            var queue = page ? _pages : _submits;
            var kept = queue.Where(w => w != wait).ToArray();
            queue.Clear();
            foreach (var w in kept)
            {
                queue.Enqueue(w);
            }

            wait.SetCanceled();
        }
    }

    private void Release(bool page)
    {
        lock (_lock)
        {
            _running--;
            if (page)
            {
                _pagesRunning--;
            }

            // Fill every free slot: submits first, then page loads up to their own limit.
            while (_running < Limit && _submits.TryDequeue(out var submit))
            {
                Admit(page: false);
                submit.SetResult();
            }

            while (_running < Limit && _pagesRunning < PageLimit && _pages.TryDequeue(out var load))
            {
                Admit(page: true);
                load.SetResult();
            }
        }
    }
}

public static class BallotGateExtensions
{
    /// <summary>Settings key: how many ballot pages load at once (default: two per core).</summary>
    public const string PageLimitKey = "Ballots:PageLoadsAtOnce";

    /// <summary>Settings key: how many ballot requests, page loads and submits, run at once (default: four per core).</summary>
    public const string LimitKey = "Ballots:RequestsAtOnce";

    public static IServiceCollection AddBallotGate(this IServiceCollection services, IConfiguration configuration)
    {
        var pages = configuration.GetValue(PageLimitKey, 2 * Environment.ProcessorCount);
        return services.AddSingleton(new BallotGate(Math.Max(pages, configuration.GetValue(LimitKey, 4 * Environment.ProcessorCount)), pages));
    }

    /// <summary>Right after the rate limiter: a waiting request has cost little, and a refused one never waits.</summary>
    public static IApplicationBuilder UseBallotGate(this IApplicationBuilder app)
    {
        var gate = app.ApplicationServices.GetRequiredService<BallotGate>();
        return app.Use((context, next) =>
        {
            var kind = BallotGate.Classify(context.Request);
            return kind == BallotRequest.Other ? next(context) : gate.RunAsync(kind, () => next(context), context.RequestAborted);
        });
    }
}
