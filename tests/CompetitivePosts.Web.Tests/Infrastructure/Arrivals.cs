using System.Collections.Concurrent;

namespace CompetitivePosts.Web.Tests.Infrastructure;

/// <summary>What a live subscriber has received so far (hub pushes, feed snapshots), polled until one matches.</summary>
public static class Arrivals
{
    /// <summary>The latest arrival that matches, waiting up to 15 s; the timeout names every arrival by <paramref name="describe"/>.</summary>
    public static async Task<T> LastMatchAsync<T>(ConcurrentQueue<T> arrived, Func<T, bool> match, Func<T, string> describe)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(arrived);
        var until = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < until)
        {
            if (arrived.LastOrDefault(match) is { } found)
            {
                return found;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("Nothing that arrived matched; arrived: " + string.Join(" ", arrived.Select(describe)));
    }
}
