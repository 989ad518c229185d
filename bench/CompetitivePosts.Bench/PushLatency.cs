namespace CompetitivePosts.Bench;

/// <summary>
/// Commit → receipt for every ballot at every watcher. Ballots are taken in commit order; ballot n is
/// covered by the first push that shows at least n ballots. A push that does not say how many it covers
/// (today's hub sends only the competition id, one push per committed ballot) counts as one more.
/// </summary>
internal sealed class PushLatency
{
    private readonly Samples _samples = new();

    public IEnumerable<double> Values => _values;

    public int Missed { get; private set; }

    private readonly List<double> _values = [];

    /// <summary>Commit → the server's read of the push that covered it: the wait for the next read (the coalescing) and the read.</summary>
    public Samples ToRead { get; } = new();

    /// <summary>The server's read → receipt: composing, serialising, sending and the watcher's receiving.</summary>
    public Samples FromRead { get; } = new();

    public double P(double percentile) => _samples.P(percentile);

    /// <summary>
    /// Per push (one read, sent to every client): the read to the first client's receipt, and the first receipt to the last. A
    /// wide spread says the receiving process, which holds all the clients, is where the time goes.
    /// </summary>
    public static (Samples FirstReceipt, Samples Spread) PerPush(IReadOnlyList<IReadOnlyList<Push>> watchers)
    {
        var (first, spread) = (new Samples(), new Samples());
        foreach (var push in watchers.SelectMany(w => w).Where(p => p.Read is not null).GroupBy(p => p.Read!.Value))
        {
            var (earliest, latest) = (push.Min(p => p.At), push.Max(p => p.At));
            first.Add((earliest - push.Key).TotalMilliseconds);
            spread.Add((latest - earliest).TotalMilliseconds);
        }

        return (first, spread);
    }

    public static PushLatency Of(IReadOnlyList<DateTimeOffset> commits, IReadOnlyList<IReadOnlyList<Push>> watchers)
    {
        var result = new PushLatency();
        foreach (var pushes in watchers)
        {
            var covered = 0;
            var p = 0;
            for (var n = 1; n <= commits.Count; n++)
            {
                while (p < pushes.Count && covered < n)
                {
                    covered = pushes[p].Covers ?? covered + 1;
                    p++;
                }

                if (covered < n)
                {
                    result.Missed += commits.Count - n + 1;
                    break;
                }

                var push = pushes[p - 1];
                var ms = Math.Max(0, (push.At - commits[n - 1]).TotalMilliseconds);
                result._samples.Add(ms);
                result._values.Add(ms);
                if (push.Read is { } read)
                {
                    result.ToRead.Add((read - commits[n - 1]).TotalMilliseconds);
                    result.FromRead.Add((push.At - read).TotalMilliseconds);
                }
            }
        }

        return result;
    }
}
