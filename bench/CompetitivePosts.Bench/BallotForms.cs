using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using CompetitivePosts.Testing;

namespace CompetitivePosts.Bench;

/// <summary>
/// Reads the ballot page as a browser would: its hidden fields (antiforgery token, each line's candidate id),
/// its radio buttons, the post each line belongs to and that post's agree limit, the voter's printed name;
/// then fills the form within the limits and posts it with a drawn signature.
/// </summary>
internal static partial class BallotForms
{
    public static string Signature { get; } = CanvasPng.DataUrl(CanvasPng.Png());

    // The lines of a round's ballot, as read from the first page that showed them (see Fill).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lines> Parsed = new(StringComparer.Ordinal);

    /// <summary>The form body of a marked, signed ballot; <paramref name="seed"/> varies which candidate of each post gets the 同意.</summary>
    /// <remarks>
    /// Every voter of a round gets the same lines (the app renders them once per round, ADR 0022); only the antiforgery
    /// token and the voter's name differ. The lines are parsed once per distinct text and reused, so the bench client,
    /// which shares the two cores with the app and PostgreSQL, does not spend them re-reading 100 candidates per ballot:
    /// on real tablets that parsing happens in each tablet's own browser. The text is still compared whole each time.
    /// </remarks>
    public static string Fill(string html, int seed)
    {
        var first = html.IndexOf("<section class=\"ballot-group\"", StringComparison.Ordinal);
        var last = html.LastIndexOf("</section>", StringComparison.Ordinal);
        var block = first >= 0 && last > first ? html[first..(last + "</section>".Length)] : "";
        var lines = Parsed.GetOrAdd(block, Lines.Parse);
        var fields = new List<KeyValuePair<string, string>>();
        var rest = first >= 0 ? string.Concat(html.AsSpan(0, first), html.AsSpan(last + "</section>".Length)) : html;
        foreach (Match m in Hidden().Matches(rest))
        {
            fields.Add(new(WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value)));
        }

        fields.AddRange(lines.Fields);

        // Each post is a section with its limit; within it, one 同意 (never over the limit), one 不同意, the rest 弃权.
        foreach (var radios in lines.Posts)
        {
            var names = radios.Select(r => r.Name).Distinct().ToList();
            for (var i = 0; i < names.Count; i++)
            {
                var offset = (i - seed % names.Count + names.Count) % names.Count;
                var choice = offset == 0 ? "Agree" : offset == 1 ? "Disagree" : "Abstain";
                if (radios.Any(r => r.Name == names[i] && r.Value == choice))
                {
                    fields.Add(new(names[i], choice));
                }
            }
        }

        var voter = VoterName().Match(rest);
        if (voter.Success)
        {
            fields.Add(new("SignedName", WebUtility.HtmlDecode(voter.Groups[1].Value)));
            fields.Add(new("Signature", Signature));
        }

        fields.Add(new("Step", "Submit"));
        var body = new StringBuilder(8192);
        foreach (var (k, v) in fields)
        {
            if (body.Length > 0)
            {
                body.Append('&');
            }

            body.Append(Uri.EscapeDataString(k)).Append('=').Append(Uri.EscapeDataString(v));
        }

        return body.ToString();
    }

    private sealed record Lines(List<KeyValuePair<string, string>> Fields, List<List<(string Name, string Value)>> Posts)
    {
        public static Lines Parse(string block) => new(
            [.. Hidden().Matches(block).Select(m => KeyValuePair.Create(WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value)))],
            [.. block.Split("data-testid=\"ballot-group\"").Skip(1)
                .Select(section => Radio().Matches(section).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList())]);
    }

    public static bool HasForm(string html) => html.Contains("data-testid=\"ballot-form\"", StringComparison.Ordinal);

    public static bool IsReceipt(string html) => html.Contains("data-testid=\"ballot-submitted\"", StringComparison.Ordinal);

    public static bool IsAlreadyVoted(string html) => html.Contains("data-testid=\"ballot-already\"", StringComparison.Ordinal);

    /// <summary>The hidden inputs of any page (for the sign-in form).</summary>
    public static Dictionary<string, string> HiddenFields(string html) =>
        Hidden().Matches(html).GroupBy(m => WebUtility.HtmlDecode(m.Groups[1].Value))
            .ToDictionary(g => g.Key, g => WebUtility.HtmlDecode(g.Last().Groups[2].Value), StringComparer.Ordinal);

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\"")]
    private static partial Regex Hidden();

    [GeneratedRegex("<input type=\"radio\" name=\"([^\"]*)\" value=\"([^\"]*)\"")]
    private static partial Regex Radio();

    [GeneratedRegex("data-testid=\"ballot-voter\">([^<]+)<")]
    private static partial Regex VoterName();
}
