namespace CompetitivePosts.Domain.Speeches;

public static class SpeechSchedule
{
    /// <summary>
    /// Draws the speaking order from a recorded seed, so anyone holding the seed and the list can
    /// redo the draw and check it. Input order does not matter: ids are sorted before shuffling.
    /// </summary>
    public static IReadOnlyList<int> Draw(IEnumerable<int> cadreIds, int seed)
    {
        var order = cadreIds.Distinct().Order().ToArray();
        // Fisher–Yates over SplitMix64: the algorithm is written out here rather than taken from
        // System.Random, whose seeded sequence .NET does not promise to keep across versions.
        var state = unchecked((ulong)seed);
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = (int)(Next(ref state) % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }

    private static ulong Next(ref ulong state)
    {
        unchecked
        {
            var z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
