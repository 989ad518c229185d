using System.Globalization;
using CompetitivePosts.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using ComponentRouteData = Microsoft.AspNetCore.Components.RouteData;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Common;

/// <summary>
/// Who may open what, declared in one place. Every page, endpoint and hub method names one of these
/// policies with <c>[Authorize(Policy = …)]</c>, or is <c>[AllowAnonymous]</c> (token pages add
/// <see cref="TokenScopedAttribute"/> and check their token themselves). Handlers check the unit
/// again through <see cref="Actor"/>, so a page that forgot its policy still shows nothing.
/// <c>AuthorizationMatrixTests</c> fails for anything that declares neither. See docs/security.md.
/// </summary>
public static class Policies
{
    /// <summary>Any signed-in account (changing one's own password, signing out).</summary>
    public const string SignedIn = "signed-in";

    /// <summary>
    /// A competition's pages and live feeds: its unit's organizers, reviewers, observers and
    /// administrators. When the request names a competition (route value <c>Id</c> or
    /// <c>CompetitionId</c>, or a hub method argument <c>competitionId</c>), the actor must also be
    /// allowed to see that competition's unit.
    /// </summary>
    public const string CompetitionViewers = "competition-viewers";

    /// <summary>
    /// A competition's pages that only its unit's organizers may open: those that show secrets (the voter
    /// roll with its ballot links, the personal registration links) and those that do nothing but change the
    /// competition (the roster import). The unit is checked as for <see cref="CompetitionViewers"/>.
    /// </summary>
    public const string CompetitionManagers = "competition-managers";

    /// <summary>Every unit's filings: the organization department, observers and administrators (only reviewers decide).</summary>
    public const string FilingReaders = "filing-readers";

    /// <summary>Verifying the audit chains: the organization department, observers and administrators.</summary>
    public const string AuditReaders = "audit-readers";

    /// <summary>Accounts and units: administrators.</summary>
    public const string UserAdmins = "user-admins";

    public static IReadOnlyList<string> All { get; } = [SignedIn, CompetitionViewers, CompetitionManagers, FilingReaders, AuditReaders, UserAdmins];

    private static readonly string[] CompetitionRoles = [Roles.Organizer, Roles.Reviewer, Roles.Observer, Roles.Administrator];

    private static readonly string[] EveryUnitRoles = [Roles.Reviewer, Roles.Observer, Roles.Administrator];

    public static IServiceCollection AddAppAuthorization(this IServiceCollection services)
    {
        services.AddSingleton<IAuthorizationHandler, CompetitionUnitHandler>();
        services.AddAuthorizationBuilder()
            // Whatever declares nothing is closed to anonymous users; the matrix test also fails for it.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(SignedIn, p => p.RequireAuthenticatedUser())
            .AddPolicy(CompetitionViewers, p => p.RequireAuthenticatedUser().RequireRole(CompetitionRoles).AddRequirements(new CompetitionUnitRequirement(Manage: false)))
            .AddPolicy(CompetitionManagers, p => p.RequireAuthenticatedUser().RequireRole(Roles.Organizer).AddRequirements(new CompetitionUnitRequirement(Manage: true)))
            .AddPolicy(FilingReaders, p => p.RequireAuthenticatedUser().RequireRole(EveryUnitRoles))
            .AddPolicy(AuditReaders, p => p.RequireAuthenticatedUser().RequireRole(EveryUnitRoles))
            .AddPolicy(UserAdmins, p => p.RequireAuthenticatedUser().RequireRole(Roles.Administrator));
        return services;
    }
}

/// <summary>The kinds of anonymous token links; each token page declares which one it checks.</summary>
public static class TokenKinds
{
    /// <summary>A voter's single-use ballot link, /b/{token}.</summary>
    public const string Ballot = "ballot";

    /// <summary>A cadre's personal registration link, /r/{token}: works only while registration is open.</summary>
    public const string Registration = "registration";

    /// <summary>A projector link of one competition and purpose, /projector/speeches/{token}: expires and can be revoked.</summary>
    public const string Projector = "projector";

    /// <summary>A projector link of one voting round's tally, /projector/tally/{token}: expires and can be revoked.</summary>
    public const string TallyProjector = "tally-projector";
}

/// <summary>
/// Marks an anonymous page or hub method that is reached only with a token and checks it itself:
/// a forged token must reveal nothing. The matrix test opens it with a valid token (the voter) and
/// a forged one (everyone else).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class TokenScopedAttribute(string kind) : Attribute
{
    public string Kind { get; } = kind;
}

/// <summary>The actor may see (or, with <paramref name="Manage"/>, run) the unit of the competition the request names.</summary>
public sealed record CompetitionUnitRequirement(bool Manage) : IAuthorizationRequirement;

/// <summary>Reads the competition id from the route (HTTP or Blazor) or the hub method's arguments.</summary>
internal sealed class CompetitionUnitHandler(IDbContextFactory<AppDbContext> dbFactory) : AuthorizationHandler<CompetitionUnitRequirement>
{
    private static readonly string[] RouteKeys = ["Id", "CompetitionId"];

    // (database, competition id) → unit id, for answering through a database outage; a few bytes per competition.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(object Database, int Competition), int> KnownUnits = new();

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, CompetitionUnitRequirement requirement)
    {
        var actor = Actor.From(context.User);
        if (CompetitionId(context.Resource) is not { } competitionId)
        {
            // Nothing names a competition (a hub connection, a list): the roles decide.
            context.Succeed(requirement);
            return;
        }

        int? unitId;
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            unitId = await db.Competitions.AsNoTracking().Where(c => c.Id == competitionId).Select(c => (int?)c.UnitId).FirstOrDefaultAsync();
            if (unitId is { } found)
            {
                KnownUnits[(dbFactory, competitionId)] = found;
            }
        }
        catch (Exception ex) when (DatabaseOutage.Is(ex))
        {
            // An open page re-checks its policy on every render; during a database restart a throw here
            // would end the circuit. A competition never changes unit, so the last answer still holds;
            // a competition not seen before is refused until the database is back.
            if (!KnownUnits.TryGetValue((dbFactory, competitionId), out var known))
            {
                return;
            }

            unitId = known;
        }

        // A missing competition is "not found" for those who see every unit and "not yours" for the rest,
        // so an organizer cannot tell another unit's ids from unused ones.
        var allowed = unitId is null
            ? !requirement.Manage && actor.SeesEveryUnit
            : requirement.Manage ? actor.CanManage(unitId.Value) : actor.CanView(unitId.Value);
        if (allowed)
        {
            context.Succeed(requirement);
        }
    }

    internal static int? CompetitionId(object? resource) => resource switch
    {
        HttpContext http => FromValues(http.Request.RouteValues),
        ComponentRouteData route => FromValues(route.RouteValues),
        HubInvocationContext hub => FromHub(hub),
        CompetitionHeader header => header.Id,
        _ => null,
    };

    private static int? FromValues(IReadOnlyDictionary<string, object?> values)
    {
        foreach (var key in RouteKeys)
        {
            var found = values.FirstOrDefault(kv => string.Equals(kv.Key, key, StringComparison.OrdinalIgnoreCase));
            if (found.Key is not null)
            {
                return Parse(found.Value);
            }
        }

        return null;
    }

    private static int? FromHub(HubInvocationContext hub)
    {
        var parameters = hub.HubMethod.GetParameters();
        for (var i = 0; i < parameters.Length && i < hub.HubMethodArguments.Count; i++)
        {
            if (string.Equals(parameters[i].Name, "competitionId", StringComparison.OrdinalIgnoreCase))
            {
                return Parse(hub.HubMethodArguments[i]);
            }
        }

        return null;
    }

    // An id that does not parse names no competition anyone may see.
    private static int? Parse(object? value) =>
        value switch
        {
            int i => i,
            string s when int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var i) => i,
            _ => -1,
        };
}

public static class BlazorInfrastructureExtensions
{
    /// <summary>
    /// The circuit's own endpoints (/_blazor, its negotiate and disconnect) carry no page's attributes;
    /// anonymous visitors need them for the welcome page, and every page's policy still guards its route.
    /// </summary>
    public static RazorComponentsEndpointConventionBuilder AllowBlazorInfrastructure(this RazorComponentsEndpointConventionBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(endpoint =>
        {
            if (!endpoint.Metadata.OfType<ComponentTypeMetadata>().Any())
            {
                endpoint.Metadata.Add(new AllowAnonymousAttribute());
            }
        });
        return builder;
    }
}
