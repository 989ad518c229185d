using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace CompetitivePosts.Domain.Speeches;

/// <summary>
/// The lot draw (抽签) of the speaking order, written out so that anyone can redo it from the
/// recorded seed: docs/speech-draw.md describes both versions and gives a Python implementation.
/// Nothing here uses the runtime's random generators, whose seeded sequences may change between
/// .NET versions; only the seed itself comes from <see cref="RandomNumberGenerator"/>.
/// </summary>
public static class SpeechDraw
{
    /// <summary>v1 (ADR 0007): one group, Fisher–Yates over SplitMix64 from a 31-bit integer seed.</summary>
    public const int SplitMix64 = 1;

    /// <summary>v2: groups in order, Fisher–Yates over SHA-256 in counter mode from a 256-bit seed, unbiased by rejection.</summary>
    public const int Sha256Counter = 2;

    public const int CurrentVersion = Sha256Counter;

    public const int SeedBytes = 32;

    /// <summary>A fresh 256-bit seed as 64 lower-case hex digits: more seeds than orders of any candidate list.</summary>
    public static string NewSeed() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(SeedBytes));

    /// <summary>
    /// The order a recorded draw gives: each group's ids sorted ascending and shuffled, the groups
    /// one after another. Throws for a seed that is not of the version's form.
    /// </summary>
    public static IReadOnlyList<int> Order(int version, string seed, IReadOnlyList<IReadOnlyList<int>> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        return version switch
        {
            SplitMix64 when groups.Count <= 1 => DrawV1(groups.SelectMany(g => g), ParseV1Seed(seed)),
            SplitMix64 => throw new DomainException("Draws of version 1 have a single group."),
            Sha256Counter => DrawV2(ParseV2Seed(seed), groups),
            _ => throw new DomainException("Unknown draw algorithm version {0}.", version),
        };
    }

    /// <summary>v1, kept so that draws made before v2 can still be checked.</summary>
    public static IReadOnlyList<int> DrawV1(IEnumerable<int> cadreIds, int seed)
    {
        var order = cadreIds.Distinct().Order().ToArray();
        var state = unchecked((ulong)seed);
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = (int)(NextSplitMix64(ref state) % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }

    /// <summary>v2: one stream of SHA-256(seed ‖ counter) values serves every group in turn.</summary>
    public static IReadOnlyList<int> DrawV2(ReadOnlySpan<byte> seed, IReadOnlyList<IReadOnlyList<int>> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        if (seed.Length != SeedBytes)
        {
            throw new DomainException("A draw seed is 64 hexadecimal digits.");
        }

        var stream = new Sha256Stream(seed);
        var result = new List<int>();
        var seen = new HashSet<int>();
        foreach (var group in groups)
        {
            var order = group.Distinct().Order().ToArray();
            if (order.Any(id => !seen.Add(id)))
            {
                throw new DomainException("A candidate appears in two groups of the draw.");
            }

            for (var i = order.Length - 1; i > 0; i--)
            {
                var j = (int)stream.Below((ulong)(i + 1));
                (order[i], order[j]) = (order[j], order[i]);
            }

            result.AddRange(order);
        }

        return result;
    }

    private static int ParseV1Seed(string seed) =>
        int.TryParse(seed, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new DomainException("A version 1 draw seed is a whole number.");

    private static byte[] ParseV2Seed(string seed)
    {
        if (seed is not { Length: SeedBytes * 2 } || !seed.All(char.IsAsciiHexDigit))
        {
            throw new DomainException("A draw seed is 64 hexadecimal digits.");
        }

        return Convert.FromHexString(seed);
    }

    private static ulong NextSplitMix64(ref ulong state)
    {
        unchecked
        {
            var z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>Value k is the first 8 bytes, big-endian, of SHA-256(seed ‖ k as 8 bytes big-endian), k = 0, 1, 2, …</summary>
    private sealed class Sha256Stream(ReadOnlySpan<byte> seed)
    {
        private readonly byte[] _input = [.. seed, 0, 0, 0, 0, 0, 0, 0, 0];
        private ulong _counter;

        /// <summary>Uniform in [0, bound): values at or above the largest multiple of bound are drawn again, so no residue is favoured.</summary>
        public ulong Below(ulong bound)
        {
            var limit = ulong.MaxValue - (((ulong.MaxValue % bound) + 1) % bound);
            while (true)
            {
                var value = Next();
                if (value <= limit)
                {
                    return value % bound;
                }
            }
        }

        private ulong Next()
        {
            BinaryPrimitives.WriteUInt64BigEndian(_input.AsSpan(SeedBytes), _counter++);
            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(_input, hash);
            return BinaryPrimitives.ReadUInt64BigEndian(hash);
        }
    }
}
