using System.Collections.Concurrent;
using System.Diagnostics;
using CompetitivePosts.Domain.Voting;
using Npgsql;
using NpgsqlTypes;

namespace CompetitivePosts.Bench;

/// <summary>
/// The baseline of measure (2): the same rows the app writes per ballot (the slip marked used, the signed
/// ballot with its PNG, choices and hashes), straight to PostgreSQL at the same concurrency, in the fastest
/// honest way: one implicit transaction per ballot, both statements in one batched round trip, prepared
/// once per connection. No HTTP, no form, no checks; the ballots are built before the clock starts.
/// </summary>
internal static class RawWriter
{
    private const string MarkUsed = """UPDATE "BallotTokens" SET "Used" = TRUE, "UsedAt" = $1 WHERE "Id" = $2 AND NOT "Used" """;
    private const string Insert = """
        INSERT INTO "SignedBallots" ("RoundId", "VoterId", "Category", "SignedName", "Signature", "Choices", "SubmittedAt", "ContentHash", "Receipt")
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
        """;

    public static async Task<(double Seconds, Samples Latency)> RunAsync(string connectionString, int roundId, IReadOnlyList<long> tokenIds,
        SeededRound seeded, byte[] signature, int concurrency, int pool)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = pool, MinPoolSize = 0, ApplicationName = "bench raw", Timeout = 60, CommandTimeout = 120 };
        await using var source = NpgsqlDataSource.Create(builder);
        var work = new ConcurrentQueue<(long Token, SignedBallot Ballot)>(seeded.Voters.Select((v, i) => (tokenIds[i],
            new SignedBallot(roundId, v.VoterId, v.Category, v.Name, signature, Choices(seeded, i), DateTimeOffset.UtcNow))));
        var latency = new Samples();
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (work.TryDequeue(out var item))
            {
                var t = Stopwatch.GetTimestamp();
                await using var conn = await source.OpenConnectionAsync();
                await using var batch = new NpgsqlBatch(conn);
                var b = item.Ballot;
                var used = new NpgsqlBatchCommand(MarkUsed);
                used.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = b.SubmittedAt, NpgsqlDbType = NpgsqlDbType.TimestampTz });
                used.Parameters.Add(new NpgsqlParameter<long> { TypedValue = item.Token });
                var insert = new NpgsqlBatchCommand(Insert);
                insert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = b.RoundId });
                insert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = b.VoterId });
                insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = b.Category.ToString() });
                insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = b.SignedName });
                insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = b.Signature });
                insert.Parameters.Add(new NpgsqlParameter<short[]> { TypedValue = b.Choices });
                insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = b.SubmittedAt, NpgsqlDbType = NpgsqlDbType.TimestampTz });
                insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = b.ContentHash });
                insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = b.Receipt });
                batch.BatchCommands.Add(used);
                batch.BatchCommands.Add(insert);
                await batch.PrepareAsync(); // a no-op once this connection has prepared the pair
                await batch.ExecuteNonQueryAsync();
                latency.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }
        })));
        return (wall.Elapsed.TotalSeconds, latency);
    }

    /// <summary>The choices the HTTP client marks for voter <paramref name="i"/> (see <see cref="BallotForms.Fill"/>): 1 同意, 2 不同意, 3 弃权.</summary>
    public static short[] Choices(SeededRound seeded, int i)
    {
        var choices = new short[seeded.Lines.Count];
        var inGroup = new Dictionary<int, int>();
        var sizes = seeded.Lines.GroupBy(l => l.Group).ToDictionary(g => g.Key, g => g.Count());
        for (var k = 0; k < choices.Length; k++)
        {
            var g = seeded.Lines[k].Group;
            var n = sizes[g];
            var at = inGroup[g] = inGroup.GetValueOrDefault(g, -1) + 1;
            var offset = (at - i % n + n) % n;
            choices[k] = (short)(offset == 0 ? 1 : offset == 1 ? 2 : 3);
        }

        return choices;
    }
}

/// <summary>Latency samples in milliseconds.</summary>
internal sealed class Samples
{
    private readonly ConcurrentBag<double> _values = [];

    public int Count => _values.Count;

    public void Add(double ms) => _values.Add(ms);

    public double P(double percentile)
    {
        var sorted = _values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
