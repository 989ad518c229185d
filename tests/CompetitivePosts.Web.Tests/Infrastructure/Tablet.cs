using System.Globalization;
using System.Net.Http;
using System.Text.RegularExpressions;

namespace CompetitivePosts.Web.Tests.Infrastructure;

/// <summary>How a tablet's attempt at voting ended, as the voter saw it.</summary>
public enum TabletEnd
{
    /// <summary>The page said the ballot was submitted (a receipt).</summary>
    Accepted,

    /// <summary>The page said this slip has already voted.</summary>
    AlreadyVoted,

    /// <summary>The connection failed: no answer from the server.</summary>
    NoAnswer,
}

/// <summary>
/// A voting tablet over plain HTTP, doing what the browser does with the static ballot page: GET it,
/// keep its hidden fields (antiforgery), mark, sign and POST the form. One connection per request,
/// so a proxy or a crash can cut any single request.
/// </summary>
public sealed partial class Tablet(Func<Uri> baseUri, string token, IReadOnlyList<int> candidates) : IDisposable
{
    private WebSession? _session;

    /// <summary>Attempts (a GET and its POST) that got no answer: reset, refused or cut.</summary>
    public int Lost { get; private set; }

    /// <summary>One attempt: GET and POST. A network failure gives <see cref="TabletEnd.NoAnswer"/>; any other answer fails the test.</summary>
    public async Task<TabletEnd> TryVoteAsync()
    {
        try
        {
            // Cookies (antiforgery) stay with the tablet across attempts, as a browser's do; the address may change after a restart.
            if (_session is null || _session.Http.BaseAddress != baseUri())
            {
                _session?.Dispose();
                _session = new WebSession(baseUri());
                _session.Http.DefaultRequestHeaders.ConnectionClose = true;
                _session.Http.Timeout = TimeSpan.FromSeconds(30);
            }

            var url = new Uri($"b/{token}", UriKind.Relative);
            var page = await _session.Http.GetStringAsync(url);
            if (page.Contains("data-testid=\"ballot-already\"", StringComparison.Ordinal))
            {
                return TabletEnd.AlreadyVoted;
            }

            var form = TestBallots.PageForm(page);
            form["Step"] = "Submit";
            for (var i = 0; i < candidates.Count; i++)
            {
                form[$"Marks[{i}].CandidateId"] = candidates[i].ToString(CultureInfo.InvariantCulture);
                form[$"Marks[{i}].Choice"] = i % 2 == 0 ? "Agree" : "Disagree";
            }

            form["SignedName"] = VoterName().Match(page).Groups[1].Value;
            form["Signature"] = TestBallots.Signature;
            using var content = new FormUrlEncodedContent(form);
            using var posted = await _session.Http.PostAsync(url, content);
            var answer = await posted.Content.ReadAsStringAsync();
            if (answer.Contains("data-testid=\"ballot-submitted\"", StringComparison.Ordinal))
            {
                return TabletEnd.Accepted;
            }

            if (answer.Contains("data-testid=\"ballot-already\"", StringComparison.Ordinal))
            {
                return TabletEnd.AlreadyVoted;
            }

            throw new InvalidOperationException($"Unexpected answer {(int)posted.StatusCode}: {WebSession.Shorten(answer)}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            Lost++;
            return TabletEnd.NoAnswer;
        }
    }

    /// <summary>Tries until the page gives an answer, pausing a little between tries as a voter would.</summary>
    public async Task<TabletEnd> VoteUntilAnsweredAsync(int maxAttempts = 60)
    {
        for (var attempt = 0; attempt < maxAttempts; attempt++)
        {
            var end = await TryVoteAsync();
            if (end != TabletEnd.NoAnswer)
            {
                return end;
            }

            await Task.Delay(50 + (attempt * 20));
        }

        return TabletEnd.NoAnswer;
    }

    public void Dispose() => _session?.Dispose();

    [GeneratedRegex("data-testid=\"ballot-voter\">([^<]+)<")]
    private static partial Regex VoterName();
}
