using CompetitivePosts.Domain;
using CompetitivePosts.Testing;
using CompetitivePosts.Web.Features.Voting;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitivePosts.Web.Tests.Infrastructure;

/// <summary>Ballots as a tablet posts them: the form's fields, a drawn signature as a real PNG.</summary>
public static class TestBallots
{
    /// <summary>An RGBA PNG as a canvas writes it, with a diagonal stroke (or nothing, for a blank pad), with correct CRCs.</summary>
    public static byte[] Png(int width = 300, int height = 100, bool drawn = true) => CanvasPng.Png(width, height, drawn);

    public static string DataUrl(byte[] png) => CanvasPng.DataUrl(png);

    public static string Signature { get; } = DataUrl(Png());

    /// <summary>The form fields of a ballot marking <paramref name="marks"/> (by cadre id), signed as <paramref name="name"/>.</summary>
    public static List<KeyValuePair<string, string>> Fields(IEnumerable<(int CadreId, string Choice)> marks, string? name, string? signature = null,
        BallotStep step = BallotStep.Submit)
    {
        var fields = new List<KeyValuePair<string, string>> { new("Step", step.ToString()) };
        var i = 0;
        foreach (var (id, choice) in marks)
        {
            fields.Add(new($"Marks[{i}].CandidateId", id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            fields.Add(new($"Marks[{i}].Choice", choice));
            i++;
        }

        if (name is not null)
        {
            fields.Add(new("SignedName", name));
            fields.Add(new("Signature", signature ?? Signature));
        }

        return fields;
    }

    /// <summary>
    /// The ballot page's own hidden fields (antiforgery) without its per-candidate fields, so that a test's
    /// marks are the only ones posted over HTTP.
    /// </summary>
    public static Dictionary<string, string> PageForm(string html) =>
        WebSession.HiddenFields(html).Where(f => !f.Key.StartsWith("Marks[", StringComparison.Ordinal)).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);

    /// <summary>Submits through the use case, as the page does after reading the form.</summary>
    public static async Task<SubmitResult> SubmitAsync(this AppFixture app, string token, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<BallotSubmission>().SubmitAsync(token, BallotForm.Parse(fields));
    }

    /// <summary>A signed ballot by <paramref name="voter"/> of the scenario, marking candidates by name.</summary>
    public static Task<SubmitResult> VoteAsync(this AppFixture app, VotingScenario s, string voter, params (string Candidate, Choice Choice)[] marks) =>
        app.SubmitAsync(s.Tokens[voter], Fields(marks.Select(m => (s.Id(m.Candidate), m.Choice.ToString())), voter));

    /// <summary>An unsigned evaluation ballot by <paramref name="voter"/>'s slip, grading incumbents by name; throws unless it is accepted.</summary>
    public static async Task GradeAsync(this AppFixture app, VotingScenario s, string voter, params (string Cadre, Grade Grade)[] grades)
    {
        var result = await app.SubmitAsync(s.Tokens[voter], Fields(grades.Select(g => (s.Id(g.Cadre), g.Grade.ToString())), null));
        if (result.Outcome != SubmitOutcome.Accepted)
        {
            throw new InvalidOperationException($"{voter}'s evaluation ballot was not accepted: {result.Outcome}");
        }
    }
}
