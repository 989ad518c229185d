using System.Collections.Concurrent;
using System.Globalization;
using CompetitivePosts.Domain;
using CompetitivePosts.Web.Data;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CompetitivePosts.Web.Features.Tally;

/// <summary>
/// A round's counts as of one consistent read. <see cref="Seq"/> is twice the ballots counted, plus one
/// once the round has closed: ballots are only ever added while a round is open, so a snapshot with a
/// higher number is newer on every instance, and a screen ignores one with a lower number.
/// </summary>
public sealed record TallySnapshot(
    int RoundId,
    int CompetitionId,
    long Seq,
    DateTimeOffset ServerTime,
    RoundStatus Status,
    RoundKind Kind,
    ProjectorResults ProjectorResults,
    bool ProjectorLiveResults,
    RoundCounts Counts,
    IReadOnlyDictionary<VoterCategory, int> Issued)
{
    /// <summary>
    /// Whether a projector may show results now: after the close, or during voting when the plan says so. Never for an
    /// evaluation round, whose grades of named incumbents go to the party committee, not to the hall (docs/adr/0034).
    /// </summary>
    public bool ProjectorShowsResults => Kind == RoundKind.Recommendation && (Status == RoundStatus.Closed || ProjectorLiveResults);
}

public sealed record TurnoutDto(string Category, int Ballots, int Voters);

/// <summary>
/// One line's counts from one ballot kind, indexed by choice: 0 = unmarked, then 同意/不同意/弃权 in a recommendation round,
/// 优秀/称职/基本称职/不称职 in an evaluation round (<see cref="TallyPushDto.Kind"/>).
/// </summary>
public sealed record LineCountsDto(int Position, string Category, int[] Counts);

/// <summary>
/// What the hub sends ("TallyUpdated") and returns on joining: the server's time (Unix ms) and sequence
/// number, the turnout, and the counts; a projector gets no counts, only whether results are due (<see cref="ForProjector"/>).
/// </summary>
public sealed record TallyPushDto(int RoundId, long Seq, long ServerTime, string Status, IReadOnlyList<TurnoutDto> Turnout,
    IReadOnlyList<LineCountsDto>? Lines, bool Results)
{
    /// <summary>The competition's name: in the reply to joining only, not in every push.</summary>
    public string? Competition { get; init; }

    /// <summary>"Recommendation" or "Evaluation": what the choices of <see cref="Lines"/> are.</summary>
    public string Kind { get; init; } = nameof(RoundKind.Recommendation);

    /// <summary>What a viewer of the unit gets: the turnout and every line's counts.</summary>
    public static TallyPushDto ForViewer(TallySnapshot s) => From(s, withCounts: true, results: true);

    /// <summary>
    /// What a projector gets: the turnout, and whether results are due. Never counts: the plan may show only the qualified
    /// candidates, so the projector fetches its own page, which the server filters; every line's counts here would hand the
    /// link's holder the figures of candidates the plan keeps off the screen.
    /// </summary>
    public static TallyPushDto ForProjector(TallySnapshot s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return From(s, withCounts: false, results: s.ProjectorShowsResults);
    }

    private static TallyPushDto From(TallySnapshot s, bool withCounts, bool results)
    {
        ArgumentNullException.ThrowIfNull(s);
        var turnout = Enum.GetValues<VoterCategory>()
            .Select(k => new TurnoutDto(k.ToString(), s.Counts.Ballots.GetValueOrDefault(k), s.Issued.GetValueOrDefault(k)))
            .ToList();
        IReadOnlyList<LineCountsDto>? lines = withCounts
            ? [.. s.Counts.Choices.GroupBy(c => (c.Position, c.Category)).OrderBy(g => g.Key.Position).ThenBy(g => g.Key.Category)
                .Select(g =>
                {
                    var counts = new int[TallyCountShard.Stride];
                    foreach (var c in g)
                    {
                        counts[c.Choice] += c.Count;
                    }

                    return new LineCountsDto(g.Key.Position, g.Key.Category.ToString(), counts);
                })]
            : null;
        return new TallyPushDto(s.RoundId, s.Seq, s.ServerTime.ToUnixTimeMilliseconds(), s.Status.ToString(), turnout, lines, results)
        {
            Kind = s.Kind.ToString(),
        };
    }
}

/// <summary>
/// The live tally on one app instance (docs/adr/0021). It hears every committed ballot of every instance
/// (<see cref="TallyNotifier"/>), and for each round that a screen on this instance watches it reads the
/// trigger-kept counts at most every <see cref="MinInterval"/> and hands the snapshot to this instance's
/// dashboards and hub connections. It also reads every watched round every <see cref="ReconcileInterval"/>,
/// so a lost notification (the bus down, an instance restarted) costs a few seconds, never a wrong figure.
/// </summary>
public sealed class TallyFeed(IDbContextFactory<AppDbContext> dbFactory, TallyNotifier notifier, Projector.ProjectorLinkNotifier linkChanges,
    Voting.SlipsNotifier slipChanges, IHubContext<TallyHub> hub, TimeProvider clock, ILogger<TallyFeed> log) : IHostedService, IDisposable
{
    // Five pushes a second at most: a push covers every ballot committed before its read, so a ballot waits at most this
    // long plus one read for its push (push p99 target 250 ms, docs/adr/0029).
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(200);

    public static readonly TimeSpan ReconcileInterval = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<int, Watched> _rounds = new();
    private readonly ConcurrentDictionary<string, (int RoundId, int? LinkId)> _connections = new();
    private IDisposable? _subscription;
    private IDisposable? _linkSubscription;
    private IDisposable? _slipSubscription;
    private ITimer? _timer;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = notifier.Subscribe(null, OnCompetitionChanged);
        _linkSubscription = linkChanges.Subscribe(null, OnCompetitionChanged);
        _slipSubscription = slipChanges.Subscribe(null, OnSlipsChanged);
        _timer = clock.CreateTimer(_ => Reconcile(), null, ReconcileInterval, ReconcileInterval);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref _subscription, null)?.Dispose();
        Interlocked.Exchange(ref _linkSubscription, null)?.Dispose();
        Interlocked.Exchange(ref _slipSubscription, null)?.Dispose();
        Interlocked.Exchange(ref _timer, null)?.Dispose();
    }

    /// <summary>
    /// Reads a round's status, counts and issued slips, the three queries in one round trip and no transaction (a push
    /// waits for this read, docs/adr/0030); null for no such round. The status is read first: a ballot commits only while
    /// its round is open (the close locks the round's row, docs/adr/0016), so counts read after an "open" are at least
    /// what was counted then, and counts read after a close are final. A transaction would add nothing to that and cost
    /// a second round trip for its COMMIT.
    /// </summary>
    public Task<TallySnapshot?> ReadAsync(int roundId, CancellationToken ct = default) => ReadAsync(roundId, issued: null, ct);

    /// <summary>
    /// The same read, with the issued slips taken from <paramref name="issued"/> when given: counting them reads every
    /// slip of the round (7–14 ms of database CPU at 5,000 voters when it also joined the voters, against under 1 ms for the rest), and
    /// only a change to the slips or the roll moves them (<see cref="Voting.SlipsNotifier"/>, docs/adr/0033).
    /// </summary>
    private async Task<TallySnapshot?> ReadAsync(int roundId, IReadOnlyDictionary<VoterCategory, int>? issued, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection())
        {
            BatchCommands =
            {
                ForRound("""SELECT "CompetitionId", "Status", "ProjectorResults", "ProjectorLiveResults", "Kind" FROM "VotingRounds" WHERE "Id" = $1""", roundId),
                ForRound("""SELECT "Category", "Ballots", "Counts" FROM "TallyCounts" WHERE "RoundId" = $1""", roundId),
            },
        };
        if (issued is null)
        {
            batch.BatchCommands.Add(ForRound("""
                SELECT "Category", count(*)::int FROM "BallotTokens" WHERE "RoundId" = $1 AND "RevokedAt" IS NULL GROUP BY 1
                """, roundId));
        }

        await using var reader = await batch.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        var (competitionId, status) = (reader.GetInt32(0), Enum.Parse<RoundStatus>(reader.GetString(1)));
        var (projectorResults, projectorLive) = (Enum.Parse<ProjectorResults>(reader.GetString(2)), reader.GetBoolean(3));
        var kind = Enum.Parse<RoundKind>(reader.GetString(4));
        await reader.NextResultAsync(ct);
        var shards = new List<(string, int, int[])>();
        while (await reader.ReadAsync(ct))
        {
            shards.Add((reader.GetString(0), reader.GetInt32(1), reader.GetFieldValue<int[]>(2)));
        }

        if (issued is null)
        {
            await reader.NextResultAsync(ct);
            var read = new Dictionary<VoterCategory, int>();
            while (await reader.ReadAsync(ct))
            {
                read[Enum.Parse<VoterCategory>(reader.GetString(0))] = reader.GetInt32(1);
            }

            issued = read;
        }

        await reader.DisposeAsync();
        var counts = RoundCounts.FromShards(shards);
        var seq = (2L * counts.Total) + (status == RoundStatus.Closed ? 1 : 0);
        return new TallySnapshot(roundId, competitionId, seq, clock.GetUtcNow(), status, kind, projectorResults, projectorLive, counts, issued);
    }

    private static NpgsqlBatchCommand ForRound(string sql, int roundId) =>
        new(sql) { Parameters = { new NpgsqlParameter<int> { TypedValue = roundId } } };

    /// <summary>
    /// Follows a round for a screen on this instance: <paramref name="onSnapshot"/> gets a snapshot at once
    /// and after changes, never more often than <see cref="MinInterval"/>. Dispose to stop.
    /// </summary>
    public IDisposable Watch(int roundId, int competitionId, Func<TallySnapshot, Task> onSnapshot)
    {
        var screen = new Screen(onSnapshot, CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        var watched = Enter(roundId, competitionId, w => w.Screens.Add(screen));

        Schedule(watched);
        return new Unwatch(() =>
        {
            lock (watched)
            {
                watched.Screens.Remove(screen);
            }
        });
    }

    /// <summary>A hub connection on this instance follows a round: as a viewer, or as the projector of link <paramref name="linkId"/>.</summary>
    internal void AddConnection(int roundId, int competitionId, string connectionId, int? linkId)
    {
        RemoveConnection(connectionId);
        _connections[connectionId] = (roundId, linkId);
        Enter(roundId, competitionId, w => w.Connections[connectionId] = linkId);
    }

    /// <summary>
    /// Adds a screen or a connection to the round's entry under its lock. An entry the reconciliation has just found idle and
    /// removed is not joined (nothing would ever read it again); a fresh one is taken instead.
    /// </summary>
    private Watched Enter(int roundId, int competitionId, Action<Watched> add)
    {
        while (true)
        {
            var watched = _rounds.GetOrAdd(roundId, id => new Watched(id, competitionId));
            lock (watched)
            {
                if (!watched.Removed)
                {
                    add(watched);
                    return watched;
                }
            }
        }
    }

    internal void RemoveConnection(string connectionId)
    {
        if (_connections.TryRemove(connectionId, out var known) && _rounds.TryGetValue(known.RoundId, out var watched))
        {
            lock (watched)
            {
                watched.Connections.Remove(connectionId);
            }
        }
    }

    /// <summary>
    /// A competition changed: its rounds are read and sent again (a revoked projector goes dark); after a change to its
    /// slips, with their issued counts read again too.
    /// </summary>
    internal void Refresh(int competitionId, bool slipsChanged = false)
    {
        foreach (var watched in _rounds.Values.Where(w => w.CompetitionId == competitionId))
        {
            if (slipsChanged)
            {
                ForgetIssued(watched);
            }

            Schedule(watched);
        }
    }

    internal int WatchedRounds => _rounds.Count;

    private Task OnCompetitionChanged(int competitionId)
    {
        Refresh(competitionId);
        return Task.CompletedTask;
    }

    private Task OnSlipsChanged(int competitionId)
    {
        Refresh(competitionId, slipsChanged: true);
        return Task.CompletedTask;
    }

    /// <summary>The next read counts the issued slips again; a read already under way keeps what it read to itself.</summary>
    private static void ForgetIssued(Watched watched)
    {
        lock (watched)
        {
            watched.Issued = null;
            watched.IssuedVersion++;
        }
    }

    private void Reconcile()
    {
        foreach (var watched in _rounds.Values)
        {
            bool idle;
            lock (watched)
            {
                // Removed under the lock, so a screen cannot join the entry between the check and the removal.
                idle = watched.Screens.Count == 0 && watched.Connections.Count == 0;
                if (idle)
                {
                    watched.Removed = true;
                    _rounds.TryRemove(new KeyValuePair<int, Watched>(watched.RoundId, watched));
                }
            }

            if (!idle)
            {
                // A lost notice of the slips (the bus down) costs at most this interval too.
                ForgetIssued(watched);
                Schedule(watched);
            }
        }
    }

    /// <summary>At most one read pending per round; a change during a read schedules the next one.</summary>
    private void Schedule(Watched watched)
    {
        TimeSpan delay;
        lock (watched)
        {
            if (watched.Pending)
            {
                return;
            }

            watched.Pending = true;
            var due = watched.LastRead + MinInterval - clock.GetUtcNow();
            delay = due > TimeSpan.Zero ? due : TimeSpan.Zero;
        }

        _ = Task.Run(() => ReadAndSendAsync(watched, delay));
    }

    private async Task ReadAndSendAsync(Watched watched, TimeSpan delay)
    {
        try
        {
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, clock);
            }

            IReadOnlyDictionary<VoterCategory, int>? issued;
            long issuedVersion;
            lock (watched)
            {
                watched.Pending = false;
                watched.LastRead = clock.GetUtcNow();
                (issued, issuedVersion) = (watched.Issued, watched.IssuedVersion);
            }

            if (await ReadAsync(watched.RoundId, issued, CancellationToken.None) is not { } snapshot)
            {
                return;
            }

            if (issued is null)
            {
                lock (watched)
                {
                    // Kept only if no change to the slips was announced while it was being read.
                    if (watched.IssuedVersion == issuedVersion)
                    {
                        watched.Issued = snapshot.Issued;
                    }
                }
            }

            await SendAsync(watched, snapshot);
        }
#pragma warning disable CA1031 // A failed read (database restarting) must not end the feed; the next change or reconciliation reads again.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            lock (watched)
            {
                watched.Pending = false;
            }

            log.LogWarning("Live tally of round {RoundId} not read: {Error}", watched.RoundId, ex.Message);
        }
    }

    private async Task SendAsync(Watched watched, TallySnapshot snapshot)
    {
        Screen[] screens;
        KeyValuePair<string, int?>[] connections;
        lock (watched)
        {
            // Two reads can overlap when one is slow: the older result must not follow the newer one.
            if (snapshot.Seq < watched.LastSeq)
            {
                return;
            }

            watched.LastSeq = snapshot.Seq;
            screens = [.. watched.Screens];
            connections = [.. watched.Connections];
        }

        // The hub connections are written to first: a screen's render runs inline on this thread when its circuit is idle
        // (InvokeAsync), so written after three dashboards' renders the twenty hub clients waited for all three.
        var sent = SendToConnectionsAsync(snapshot, connections);
        foreach (var screen in screens)
        {
            var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
            try
            {
                (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (screen.Culture, screen.UICulture);
                await screen.OnSnapshot(snapshot);
            }
#pragma warning disable CA1031 // One broken screen must not stop the others.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
            finally
            {
                (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
            }
        }

        await sent;
    }

    private async Task SendToConnectionsAsync(TallySnapshot snapshot, KeyValuePair<string, int?>[] connections)
    {
        if (connections.Length == 0)
        {
            return;
        }

        var links = connections.Any(c => c.Value is not null) ? await ValidLinksAsync(snapshot.CompetitionId) : [];
        var viewers = connections.Where(c => c.Value is null).Select(c => c.Key).ToList();
        var projectors = connections.Where(c => c.Value is { } link && links.Contains(link)).Select(c => c.Key).ToList();
        var closed = connections.Where(c => c.Value is { } link && !links.Contains(link)).Select(c => c.Key).ToList();
        foreach (var connectionId in closed)
        {
            RemoveConnection(connectionId);
        }

        // One message per kind of screen, written to all its connections at once: sent one connection after another, the
        // last of twenty waited for the nineteen before it (docs/adr/0030).
        await Task.WhenAll(
            SendToAsync(viewers, TallyHub.Updated, () => TallyPushDto.ForViewer(snapshot)),
            SendToAsync(projectors, TallyHub.Updated, () => TallyPushDto.ForProjector(snapshot)),
            SendToAsync(closed, TallyHub.ProjectorClosed, push: null));
    }

    /// <summary>
    /// To connections of this instance, directly. Without a backplane <c>Clients(ids)</c> does that and serialises once. With
    /// the Redis backplane it would publish every id through Redis, a connection of this instance included, and nothing would
    /// arrive while Redis is away; <c>Client(id)</c> writes a local connection itself.
    /// </summary>
    private Task SendToAsync(List<string> connectionIds, string method, Func<TallyPushDto>? push)
    {
        if (connectionIds.Count == 0)
        {
            return Task.CompletedTask;
        }

        object?[] args = push is null ? [] : [push()];
        return notifier.IsAttached
            ? Task.WhenAll(connectionIds.Select(id => hub.Clients.Client(id).SendCoreAsync(method, args)))
            : hub.Clients.Clients(connectionIds).SendCoreAsync(method, args);
    }

    private async Task<HashSet<int>> ValidLinksAsync(int competitionId)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync();
        return [.. await db.Set<Domain.Projector.ProjectorLink>().AsNoTracking()
            .Where(l => l.CompetitionId == competitionId && l.Purpose == Projector.ProjectorPurposes.Tally && l.RevokedAt == null && l.ExpiresAt > now)
            .Select(l => l.Id).ToListAsync()];
    }

    private sealed record Screen(Func<TallySnapshot, Task> OnSnapshot, CultureInfo Culture, CultureInfo UICulture);

    private sealed class Watched(int roundId, int competitionId)
    {
        public int RoundId { get; } = roundId;

        public int CompetitionId { get; } = competitionId;

        public List<Screen> Screens { get; } = [];

        /// <summary>Hub connections on this instance: the round's group here, with the projector link for a projector.</summary>
        public Dictionary<string, int?> Connections { get; } = [];

        public bool Pending { get; set; }

        /// <summary>Taken out of the feed as idle: a screen or connection arriving now takes a new entry.</summary>
        public bool Removed { get; set; }

        public DateTimeOffset LastRead { get; set; }

        public long LastSeq { get; set; } = -1;

        /// <summary>The issued slips as last read; null until read, and again after a change to the slips.</summary>
        public IReadOnlyDictionary<VoterCategory, int>? Issued { get; set; }

        public long IssuedVersion { get; set; }
    }

    private sealed class Unwatch(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
