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

    /// <summary>The form body of a marked, signed ballot; <paramref name="seed"/> varies which candidate of each post gets the 同意.</summary>
    public static string Fill(string html, int seed)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (Match m in Hidden().Matches(html))
        {
            fields.Add(new(WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value)));
        }

        // Each post is a section with its limit; within it, one 同意 (never over the limit), one 不同意, the rest 弃权.
        var sections = html.Split("data-testid=\"ballot-group\"");
        for (var s = 1; s < sections.Length; s++)
        {
            var radios = Radio().Matches(sections[s]).Select(m => (Name: m.Groups[1].Value, Value: m.Groups[2].Value)).ToList();
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

        var voter = VoterName().Match(html);
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
