using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CompetitivePosts.Web.Tests.Infrastructure;

namespace CompetitivePosts.Web.Tests.Features.Localization;

[Collection(AppTests.Name)]
public partial class LocalizationTests(AppFixture app)
{
    [GeneratedRegex("""\bL\["((?:[^"\\]|\\.)*)"[\],]""")]
    private static partial Regex UiKey();

    // DomainMessage and Refuse carry rule and import messages; Problem(column, …) the import's cell messages.
    [GeneratedRegex("""(?:DomainException|reasons\.Add|DomainMessage|Refuse)\("((?:[^"\\]|\\.)*)"|Problem\(column, "((?:[^"\\]|\\.)*)"|Guard\.Required\([^,]+, "((?:[^"\\]|\\.)*)"|RunAsync\([^;]*?,\s*"((?:[^"\\]|\\.)*)"\)""")]
    private static partial Regex MessageKey();

    // A message chosen by a condition, DomainException(kind == … ? "…" : "…"), over several lines: both branches.
    [GeneratedRegex("""DomainException\([^;"]*?\?\s*"((?:[^"\\]|\\.)*)"\s*:\s*"((?:[^"\\]|\\.)*)"\)""")]
    private static partial Regex ChosenMessageKeys();

    private static string RepoRoot() => Repository.Root;

    [Fact]
    public void ZhCnResources_EveryKeyUsedInSource_HasAChineseEntry()
    {
        var root = RepoRoot();
        var resx = XDocument.Load(Path.Combine(root, "src/CompetitivePosts.Web/Resources/SharedResource.zh-CN.resx"));
        var translated = resx.Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);

        var used = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "src"), "*.*", SearchOption.AllDirectories)
                     .Where(f => (f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
                                 && !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/Migrations/", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            foreach (Match m in UiKey().Matches(text))
            {
                used.Add(Regex.Unescape(m.Groups[1].Value));
            }

            foreach (Match m in MessageKey().Matches(text))
            {
                used.Add(Regex.Unescape(m.Groups.Values.Skip(1).First(g => g.Success).Value));
            }

            foreach (Match m in ChosenMessageKeys().Matches(text))
            {
                used.Add(Regex.Unescape(m.Groups[1].Value));
                used.Add(Regex.Unescape(m.Groups[2].Value));
            }
        }

        Assert.True(used.Count > 100, $"only {used.Count} keys found: the scan itself is broken");
        Assert.Contains("Choose at least one incumbent to evaluate.", used); // control: a message chosen by a condition is found
        var missing = used.Where(k => !translated.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, "Missing zh-CN entries:\n" + string.Join("\n", missing));
        Assert.All(translated, kv => Assert.False(string.IsNullOrWhiteSpace(kv.Value), kv.Key));
    }

    [Fact]
    public void AuditActions_EveryLabel_HasAChineseEntry()
    {
        // Labels reach the localizer through AuditActions.Label(action), which the source scan cannot see.
        var resx = XDocument.Load(Path.Combine(RepoRoot(), "src/CompetitivePosts.Web/Resources/SharedResource.zh-CN.resx"));
        var translated = resx.Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);
        var labels = CompetitivePosts.Web.Features.Audit.AuditActions.All.Select(CompetitivePosts.Web.Features.Audit.AuditActions.Label).ToList();

        Assert.Contains("Drew the speech order", labels); // control: the labels are the English texts
        Assert.DoesNotContain(labels, l => !translated.Contains(l));
    }

    [Theory]
    [InlineData(null, "登录")]
    [InlineData("en-US", "Sign in")]
    public async Task Home_CultureCookie_ServesThatLanguage(string? culture, string expected)
    {
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies };
        using var client = new HttpClient(handler) { BaseAddress = app.BaseUri };
        if (culture is not null)
        {
            // The switch a user clicks: it sets the cookie and sends them back where they were.
            var switched = await client.GetAsync(new Uri($"/culture?c={culture}&r=/", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, switched.StatusCode);
        }

        var html = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/", UriKind.Relative)));

        Assert.Contains($"lang=\"{culture ?? "zh-CN"}\"", html, StringComparison.Ordinal);
        Assert.Contains(expected, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Culture_ReturnUrlToAnotherSite_RedirectsHomeInstead()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = app.BaseUri };

        var response = await client.GetAsync(new Uri("/culture?c=en-US&r=//evil.example/", UriKind.Relative));

        Assert.Equal("/", response.Headers.Location!.ToString());
    }
}
