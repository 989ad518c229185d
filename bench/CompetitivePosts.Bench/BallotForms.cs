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
    /// on real tablets that parsing happens in each tablet's own browser. The text is still compared whole each time; the
    /// encoded marks are kept per pattern of 同意/不同意 (the seed modulo each post's size).
    /// </remarks>
    public static string Fill(string html, int seed)
    {
        var first = html.IndexOf("<section class=\"ballot-group\"", StringComparison.Ordinal);
        var last = html.LastIndexOf("</section>", StringComparison.Ordinal);
        var block = first >= 0 && last > first ? html.AsSpan(first, last + "</section>".Length - first) : [];
        if (!ParsedBySpan.TryGetValue(block, out var lines))
        {
            lines = Parsed.GetOrAdd(block.ToString(), Lines.Parse);
        }

        var rest = first >= 0 ? string.Concat(html.AsSpan(0, first), html.AsSpan(last + "</section>".Length)) : html;
        var body = new StringBuilder(16384);
        foreach (Match m in Hidden().Matches(rest))
        {
            Append(body, WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value));
        }

        // The lines' own fields and the marks are the same for every ballot of a round with the same seed modulo the posts' sizes.
        body.Append(lines.Marks(seed));
        var voter = VoterName().Match(rest);
        if (voter.Success)
        {
            Append(body, "SignedName", WebUtility.HtmlDecode(voter.Groups[1].Value));
            body.Append('&').Append(SignatureField);
        }

        Append(body, "Step", "Submit");
        return body.ToString(1, body.Length - 1);
    }

    private static readonly string SignatureField = "Signature=" + Uri.EscapeDataString(Signature);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lines>.AlternateLookup<ReadOnlySpan<char>> ParsedBySpan =
        Parsed.GetAlternateLookup<ReadOnlySpan<char>>();

    // Every field starts with '&'; Fill drops the first one.
    private static void Append(StringBuilder body, string key, string value) =>
        body.Append('&').Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));

    private sealed record Lines(List<KeyValuePair<string, string>> Fields, List<List<(string Name, string Value)>> Posts)
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _marks = new(StringComparer.Ordinal);

        private int[] Sizes => field ??= [.. Posts.Select(p => Math.Max(1, p.Select(r => r.Name).Distinct().Count()))];

        public static Lines Parse(string block) => new(
            [.. Hidden().Matches(block).Select(m => KeyValuePair.Create(WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value)))],
            [.. block.Split("data-testid=\"ballot-group\"").Skip(1)
                .Select(section => Radio().Matches(section).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList())]);

        /// <summary>"&amp;"-led, encoded: the lines' hidden fields, then per post one 同意 (never over the limit), one 不同意, the rest 弃权.</summary>
        public string Marks(int seed)
        {
            var key = string.Join(',', Sizes.Select(n => seed % n));
            return _marks.GetOrAdd(key, _ =>
            {
                var body = new StringBuilder();
                foreach (var (k, v) in Fields)
                {
                    Append(body, k, v);
                }

                foreach (var radios in Posts)
                {
                    var names = radios.Select(r => r.Name).Distinct().ToList();
                    for (var i = 0; i < names.Count; i++)
                    {
                        var offset = (i - seed % names.Count + names.Count) % names.Count;
                        var choice = offset == 0 ? "Agree" : offset == 1 ? "Disagree" : "Abstain";
                        if (radios.Any(r => r.Name == names[i] && r.Value == choice))
                        {
                            Append(body, names[i], choice);
                        }
                    }
                }

                return body.ToString();
            });
        }
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
