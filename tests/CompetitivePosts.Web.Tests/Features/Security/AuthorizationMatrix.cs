using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using CompetitivePosts.Domain;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Common;
using CompetitivePosts.Web.Features.Projector;
using CompetitivePosts.Web.Features.Registration;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CompetitivePosts.Web.Tests.Features.Security;

/// <summary>The seven kinds of caller the matrix asks about.</summary>
public enum Who
{
    Anonymous,

    /// <summary>Holds a ballot token of this competition, has no account.</summary>
    Voter,
    OrganizerHere,
    OrganizerElsewhere,
    Reviewer,
    Observer,
    Administrator,
}

public enum Outcome
{
    Allowed,

    /// <summary>Sent to sign in (or a hub call refused for want of an account).</summary>
    Challenged,

    /// <summary>Signed in but refused.</summary>
    Forbidden,
}

/// <summary>What a page, endpoint or hub method declares: a policy, or anonymous (perhaps with a token).</summary>
public sealed record Declaration(string? Policy, bool Anonymous, string? TokenKind)
{
    public override string ToString() => Anonymous ? "anonymous" + (TokenKind is null ? "" : $" (token {TokenKind})") : Policy ?? "?";
}

/// <summary>
/// The specification of the policies in Features/Common/Policies.cs, written out independently: for
/// each declared policy, what each kind of caller must get. A new policy fails here until it is added.
/// </summary>
public static partial class AuthorizationMatrix
{
    public static IReadOnlyList<Who> Everyone { get; } = Enum.GetValues<Who>();

    public static Outcome Expected(Declaration declared, Who who, bool namesCompetition)
    {
        ArgumentNullException.ThrowIfNull(declared);
        if (declared.Anonymous)
        {
            return Outcome.Allowed;
        }

        if (who is Who.Anonymous or Who.Voter)
        {
            return Outcome.Challenged;
        }

        var everyUnit = who is Who.Reviewer or Who.Observer or Who.Administrator;
        return declared.Policy switch
        {
            Policies.SignedIn => Outcome.Allowed,
            Policies.CompetitionViewers => who == Who.OrganizerElsewhere && namesCompetition ? Outcome.Forbidden : Outcome.Allowed,
            Policies.CompetitionManagers => who == Who.OrganizerHere || (who == Who.OrganizerElsewhere && !namesCompetition) ? Outcome.Allowed : Outcome.Forbidden,
            Policies.FilingReaders or Policies.AuditReaders => everyUnit ? Outcome.Allowed : Outcome.Forbidden,
            Policies.UserAdmins => who == Who.Administrator ? Outcome.Allowed : Outcome.Forbidden,
            _ => throw new InvalidOperationException($"The matrix has no row for policy '{declared.Policy}': add it to AuthorizationMatrix.Expected."),
        };
    }

    /// <summary>Reads what an endpoint's metadata declares; anything else is added to <paramref name="problems"/>.</summary>
    public static Declaration Read(string what, IReadOnlyList<object> metadata, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(problems);
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        var authorize = metadata.OfType<IAuthorizeData>().ToList();
        var token = metadata.OfType<TokenScopedAttribute>().LastOrDefault()?.Kind;
        if (anonymous && authorize.Count > 0)
        {
            problems.Add($"{what}: declares both [AllowAnonymous] and [Authorize]; anonymous wins, so say one.");
        }

        if (anonymous)
        {
            return new Declaration(null, true, token);
        }

        if (authorize.Count == 0)
        {
            problems.Add($"{what}: declares no policy. Add [Authorize(Policy = Policies.…)] or [AllowAnonymous] (see Features/Common/Policies.cs).");
            return new Declaration(null, false, null);
        }

        foreach (var a in authorize)
        {
            if (a.Policy is null || !Policies.All.Contains(a.Policy) || a.Roles is not null || a.AuthenticationSchemes is not null)
            {
                problems.Add($"{what}: [Authorize(Policy = \"{a.Policy}\", Roles = \"{a.Roles}\")] is not one of Policies.All; name a policy, not roles.");
            }
        }

        var policies = authorize.Select(a => a.Policy).Distinct().ToList();
        if (policies.Count > 1)
        {
            problems.Add($"{what}: declares several policies ({string.Join(", ", policies)}); declare one.");
        }

        return new Declaration(policies[0], false, token);
    }

    /// <summary>The values the matrix puts into route parameters; an unknown parameter fails so the matrix is taught it.</summary>
    public static string Url(string rawRoute, IReadOnlyDictionary<string, string> values, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return RouteParameter().Replace(rawRoute, m =>
        {
            var name = m.Groups[1].Value;
            if (values.TryGetValue(name, out var v))
            {
                return Uri.EscapeDataString(v);
            }

            problems.Add($"{rawRoute}: the matrix has no value for route parameter {{{name}}}; add one to its route values.");
            return "x";
        });
    }

    /// <summary>As the policy reads route values: <c>Id</c> or <c>CompetitionId</c>, in any case (an endpoint may write <c>{id}</c>).</summary>
    public static bool NamesCompetition(string rawRoute) =>
        RouteParameter().Matches(rawRoute).Any(m => m.Groups[1].Value.ToUpperInvariant() is "ID" or "COMPETITIONID");

    public static Outcome Classify(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var location = response.Headers.Location?.ToString() ?? "";
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => Outcome.Challenged,
            HttpStatusCode.Forbidden => Outcome.Forbidden,
            HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect
                when location.Contains("/account/login", StringComparison.OrdinalIgnoreCase) => Outcome.Challenged,
            HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect
                when location.Contains("/account/denied", StringComparison.OrdinalIgnoreCase) => Outcome.Forbidden,
            _ => Outcome.Allowed,
        };
    }

    public static IReadOnlyList<RouteEndpoint> Endpoints(AppFixture app) =>
        [.. app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()];

    [GeneratedRegex(@"\{\*{0,2}(\w+)[^}]*\}")]
    private static partial Regex RouteParameter();
}

/// <summary>A valid token of one kind, and the competition name the page it opens must show.</summary>
public sealed record ValidLink(string Token, string Shows);

/// <summary>One competition of "this unit" with signed-in sessions for every kind of caller.</summary>
public sealed class MatrixWorld : IDisposable
{
    private readonly IReadOnlyDictionary<string, ValidLink> _links;

    private MatrixWorld(VotingScenario scenario, string name, Dictionary<Who, WebSession> sessions, IReadOnlyDictionary<string, string> routeValues,
        IReadOnlyDictionary<string, ValidLink> links)
    {
        Scenario = scenario;
        CompetitionName = name;
        Sessions = sessions;
        RouteValues = routeValues;
        _links = links;
    }

    public VotingScenario Scenario { get; }

    public string CompetitionName { get; }

    public IReadOnlyDictionary<Who, WebSession> Sessions { get; }

    /// <summary>Route values for everyone but the voter; a token route gets a forged token.</summary>
    public IReadOnlyDictionary<string, string> RouteValues { get; }

    public static readonly Dictionary<Who, string> UserNames = new()
    {
        [Who.OrganizerHere] = "organizer",
        [Who.OrganizerElsewhere] = TestAccounts.OtherOrganizer,
        [Who.Reviewer] = "reviewer",
        [Who.Observer] = "observer",
        [Who.Administrator] = "admin",
    };

    public static async Task<MatrixWorld> CreateAsync(AppFixture app)
    {
        ArgumentNullException.ThrowIfNull(app);
        await app.EnsureOtherOrganizerAsync();
        var target = await app.EnsureAsync("m-target", Roles.Observer);
        var name = "矩阵-" + Guid.NewGuid().ToString("N")[..8];
        var scenario = await app.OpenForVotingAsync(name);
        var sessions = new Dictionary<Who, WebSession>
        {
            [Who.Anonymous] = new WebSession(app.BaseUri),
            [Who.Voter] = new WebSession(app.BaseUri),
        };
        foreach (var (who, user) in UserNames)
        {
            sessions[who] = await WebSession.SignInAsync(app, user);
        }

        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Id"] = scenario.CompetitionId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["CompetitionId"] = scenario.CompetitionId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RoundId"] = scenario.RoundId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Token"] = "forged-" + Guid.NewGuid().ToString("N"),
            ["UserId"] = target,
            ["file"] = "cadres",
        };
        return new MatrixWorld(scenario, name, sessions, values, await ValidLinksAsync(app, scenario, name));
    }

    /// <summary>
    /// A valid token of each kind for the voter; a token page of a kind missing here fails the matrix. A personal
    /// registration link works only while registration is open, so it belongs to a second competition of this unit
    /// whose name starts with this one's: a forged token must show neither.
    /// </summary>
    public ValidLink? ValidToken(string kind) => _links.GetValueOrDefault(kind);

    private static async Task<Dictionary<string, ValidLink>> ValidLinksAsync(AppFixture app, VotingScenario scenario, string name)
    {
        var organizer = Scenarios.Organizer(await app.DemoUnitIdAsync());
        using var scope = app.Services.CreateScope();
        var projector = await scope.ServiceProvider.GetRequiredService<ProjectorLinks>()
            .IssueAsync(scenario.CompetitionId, ProjectorPurposes.Speeches, null, ProjectorLinks.DefaultLifetime, organizer);
        var tallyProjector = await scope.ServiceProvider.GetRequiredService<ProjectorLinks>()
            .IssueAsync(scenario.CompetitionId, ProjectorPurposes.Tally, scenario.RoundId, ProjectorLinks.DefaultLifetime, organizer);
        var registering = await app.ArrangeAsync(CompetitionStatus.Registration, name + "-报名");
        var personal = await scope.ServiceProvider.GetRequiredService<RegistrationLinks>().IssueAsync(registering.CompetitionId, organizer, [registering.Id("丙")]);
        return new Dictionary<string, ValidLink>
        {
            [TokenKinds.Ballot] = new(scenario.Tokens["甲"], name),
            [TokenKinds.Projector] = new(projector.Token, name),
            [TokenKinds.TallyProjector] = new(tallyProjector.Token, name),
            [TokenKinds.Registration] = new(personal.Single().Token, name + "-报名"),
        };
    }

    public void Dispose()
    {
        foreach (var s in Sessions.Values)
        {
            s.Dispose();
        }
    }
}
