using System.Diagnostics;
using System.Net;
using System.Text;

namespace CompetitivePosts.Bench;

/// <summary>The ballot page over plain HTTP, as a tablet's browser uses it: GET the page, POST its form with the antiforgery cookie.</summary>
internal static class BallotHttp
{
    public static async Task<(string Html, string? Cookie)> GetAsync(HttpClient http, string token)
    {
        using var response = await http.GetAsync("b/" + token);
        response.EnsureSuccessStatusCode();
        // The antiforgery cookie goes back with the POST, as a browser sends it.
        var cookie = response.Headers.TryGetValues("Set-Cookie", out var set)
            ? string.Join("; ", set.Select(c => c.Split(';')[0]))
            : null;
        return (await response.Content.ReadAsStringAsync(), cookie);
    }

    public static async Task<(HttpStatusCode Status, string Html)> PostAsync(HttpClient http, string token, string body, string? cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "b/" + token)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Runs <paramref name="body"/> over every item, <paramref name="concurrency"/> at a time (K clients); with a
    /// <paramref name="rate"/> above 0, item i starts no earlier than i ÷ rate seconds after the first (an open loop).
    /// </summary>
    public static async Task ForEachAsync<T>(IEnumerable<T> items, int concurrency, Func<T, int, Task> body, double rate = 0)
    {
        var queue = new System.Collections.Concurrent.ConcurrentQueue<(T, int)>(items.Select((x, i) => (x, i)));
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (queue.TryDequeue(out var item))
            {
                if (rate > 0)
                {
                    var due = TimeSpan.FromSeconds(item.Item2 / rate) - Stopwatch.GetElapsedTime(start);
                    if (due > TimeSpan.Zero)
                    {
                        await Task.Delay(due);
                    }
                }

                await body(item.Item1, item.Item2);
            }
        })));
    }
}
