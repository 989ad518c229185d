using System.Net;
using System.Reflection;
using CompetitivePosts.Web.Features.Common;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CompetitivePosts.Web.Tests.Features.Security;

/// <summary>
/// Every page, endpoint and hub method of the running app, enumerated from the app itself, against
/// every kind of caller: real HTTP requests to the Kestrel port and real SignalR connections, each
/// outcome compared with what the declared policy says (AuthorizationMatrix.Expected). A page or
/// hub method added without a policy fails <see cref="Declarations_EveryPageEndpointAndHubMethod_DeclaresOnePolicyOrAnonymous"/>.
/// </summary>
[Collection(AppTests.Name)]
public class AuthorizationMatrixTests(AppFixture app, ITestOutputHelper output)
{
    private static bool IsPage(RouteEndpoint e) => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;

    private static bool IsStaticFile(RouteEndpoint e) => e.Metadata.GetMetadata<StaticAssetDescriptor>() is not null;

    /// <summary>
    /// In Development, MapStaticAssets adds a catch-all for files that appear after the build. It is the
    /// framework's, declares nothing, and the fallback policy closes it to anonymous callers.
    /// </summary>
    private static bool IsDevelopmentFileFallback(RouteEndpoint e) =>
        e.Metadata.Any(m => m.GetType().Name == "FallbackMetadata") && e.RoutePattern.RawText == "{**path:file}";

    private static IEnumerable<(Type Hub, string Path)> OurHubs(IEnumerable<RouteEndpoint> endpoints) =>
        endpoints
            .Where(e => e.Metadata.GetMetadata<HubMetadata>() is { } h && h.HubType.Assembly == typeof(Program).Assembly
                && e.Metadata.GetMetadata<NegotiateMetadata>() is null)
            .Select(e => (e.Metadata.GetMetadata<HubMetadata>()!.HubType, "/" + e.RoutePattern.RawText!.TrimStart('/')));

    private static IEnumerable<MethodInfo> HubMethods(Type hub) =>
        hub.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => !m.IsSpecialName && m.DeclaringType is { } d && d != typeof(object) && d != typeof(Hub)
                && !(d.IsGenericType && d.GetGenericTypeDefinition() == typeof(Hub<>)));

    [Fact]
    public async Task Declarations_EveryPageEndpointAndHubMethod_DeclaresOnePolicyOrAnonymous()
    {
        var endpoints = AuthorizationMatrix.Endpoints(app);
        var problems = new List<string>();

        foreach (var e in endpoints.Where(e => !IsDevelopmentFileFallback(e)))
        {
            var declared = AuthorizationMatrix.Read(e.DisplayName ?? e.RoutePattern.RawText!, [.. e.Metadata], problems);
            // An anonymous page with a parameter in its route is reached by a link: it must say which token it checks.
            if (IsPage(e) && declared.Anonymous && e.RoutePattern.Parameters.Count > 0 && declared.TokenKind is null)
            {
                problems.Add($"{e.RoutePattern.RawText}: anonymous with route parameters but no [TokenScoped(kind)].");
            }
        }

        var hubMethods = 0;
        foreach (var (hub, path) in OurHubs(endpoints))
        {
            foreach (var method in HubMethods(hub))
            {
                hubMethods++;
                AuthorizationMatrix.Read($"{path} {method.Name}()", [.. method.GetCustomAttributes(inherit: true)], problems);
            }
        }

        // Every routable component in the assembly is among the running app's endpoints, so none is missed.
        var pageTypes = endpoints.Where(IsPage).Select(e => e.Metadata.GetMetadata<ComponentTypeMetadata>()!.Type).ToHashSet();
        foreach (var type in typeof(Program).Assembly.GetTypes().Where(t => t.GetCustomAttributes<RouteAttribute>().Any()))
        {
            if (!pageTypes.Contains(type))
            {
                problems.Add($"{type.Name} has a route but is not an endpoint of the running app.");
            }
        }

        // The development catch-all may declare nothing only because the fallback policy closes it.
        var fallback = await app.Services.GetRequiredService<IAuthorizationPolicyProvider>().GetFallbackPolicyAsync();
        Assert.NotNull(fallback);
        Assert.Contains(fallback.Requirements, r => r is Microsoft.AspNetCore.Authorization.Infrastructure.DenyAnonymousAuthorizationRequirement);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        // control: the enumeration found the app's pages, endpoints and hub methods, not an empty list.
        Assert.True(pageTypes.Count >= 17, $"only {pageTypes.Count} pages found");
        Assert.True(hubMethods >= 2, $"only {hubMethods} hub methods found");
        Assert.Contains(endpoints, e => e.RoutePattern.RawText == "/account/logout");
    }

    [Fact]
    public void Declarations_AMissingOrRoleOnlyDeclaration_IsReported()
    {
        // control for the test above: the reader does report what it must refuse.
        var problems = new List<string>();

        AuthorizationMatrix.Read("bare", [], problems);
        AuthorizationMatrix.Read("roles", [new AuthorizeAttribute { Roles = "Reviewer" }], problems);
        AuthorizationMatrix.Read("plain", [new AuthorizeAttribute()], problems);
        var fine = AuthorizationMatrix.Read("fine", [new AuthorizeAttribute(Policies.FilingReaders)], problems);

        Assert.Equal(3, problems.Count);
        Assert.Equal(Policies.FilingReaders, fine.Policy);
    }

    [Fact]
    public async Task Pages_EveryCaller_GetsWhatTheDeclaredPolicyAllows()
    {
        using var world = await MatrixWorld.CreateAsync(app);
        var problems = new List<string>();
        var mismatches = new List<string>();
        var seen = new HashSet<Outcome>();
        var pages = AuthorizationMatrix.Endpoints(app).Where(IsPage).OrderBy(e => e.RoutePattern.RawText, StringComparer.Ordinal).ToList();

        foreach (var page in pages)
        {
            var route = page.RoutePattern.RawText!;
            var declared = AuthorizationMatrix.Read(route, [.. page.Metadata], problems);
            var namesCompetition = AuthorizationMatrix.NamesCompetition(route);
            foreach (var who in AuthorizationMatrix.Everyone)
            {
                var values = new Dictionary<string, string>(world.RouteValues.ToDictionary(), StringComparer.OrdinalIgnoreCase);
                var validToken = declared.TokenKind is { } kind && who == Who.Voter;
                var link = validToken ? world.ValidToken(declared.TokenKind!) : null;
                if (validToken)
                {
                    values["Token"] = link?.Token ?? "";
                    if (link is null)
                    {
                        problems.Add($"{route}: the matrix cannot make a valid '{declared.TokenKind}' token; teach MatrixWorld.ValidToken.");
                    }
                }

                var url = AuthorizationMatrix.Url(route, values, problems);
                using var response = await world.Sessions[who].Http.GetAsync(url);
                var body = await response.Content.ReadAsStringAsync();
                var got = AuthorizationMatrix.Classify(response);
                var expected = AuthorizationMatrix.Expected(declared, who, namesCompetition);
                seen.Add(got);
                output.WriteLine($"{route,-42} {who,-19} {declared,-28} {(int)response.StatusCode} {got}");
                if (got != expected)
                {
                    mismatches.Add($"{route} as {who}: expected {expected}, got {got} ({(int)response.StatusCode} {response.Headers.Location})");
                    continue;
                }

                if (got != Outcome.Allowed)
                {
                    continue;
                }

                if (response.StatusCode != HttpStatusCode.OK)
                {
                    mismatches.Add($"{route} as {who}: allowed but answered {(int)response.StatusCode}: {WebSession.Shorten(body)}");
                }
                else if (declared.TokenKind is not null && (validToken
                    ? !body.Contains(link?.Shows ?? world.CompetitionName, StringComparison.Ordinal)
                    : body.Contains(world.CompetitionName, StringComparison.Ordinal)))
                {
                    // A valid token shows its competition; a forged one shows nothing of it.
                    mismatches.Add($"{route} as {who}: token {(validToken ? "valid but the competition is missing" : "forged but the competition shows")}");
                }
                else if (declared.TokenKind is null && namesCompetition && !body.Contains(world.CompetitionName, StringComparison.Ordinal))
                {
                    mismatches.Add($"{route} as {who}: allowed, but the prerendered page does not show the competition");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
        // control: each outcome actually happened, so the classification is not stuck on one answer.
        Assert.Equal([Outcome.Allowed, Outcome.Challenged, Outcome.Forbidden], seen.Order());
    }

    [Fact]
    public async Task Endpoints_EveryCaller_GetsWhatTheDeclaredPolicyAllows()
    {
        using var world = await MatrixWorld.CreateAsync(app);
        var problems = new List<string>();
        var mismatches = new List<string>();
        var all = AuthorizationMatrix.Endpoints(app);
        var endpoints = all.Where(e => !IsPage(e) && !IsStaticFile(e) && !IsDevelopmentFileFallback(e)).ToList();

        foreach (var e in endpoints)
        {
            var route = "/" + e.RoutePattern.RawText!.TrimStart('/');
            var declared = AuthorizationMatrix.Read(route, [.. e.Metadata], problems);
            var methods = e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
            var method = methods is { Count: > 0 } ? methods[0] : null;
            method ??= (e.Metadata.GetMetadata<NegotiateMetadata>() is not null ? "POST" : "GET");
            foreach (var who in AuthorizationMatrix.Everyone)
            {
                var url = AuthorizationMatrix.Url(route, world.RouteValues, problems);
                // No antiforgery token: an allowed caller of a form endpoint gets past authorization and is then refused as a stale form.
                using var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (method != "GET")
                {
                    request.Content = new FormUrlEncodedContent([]);
                }

                using var response = await world.Sessions[who].Http.SendAsync(request);
                var got = AuthorizationMatrix.Classify(response);
                var expected = AuthorizationMatrix.Expected(declared, who, AuthorizationMatrix.NamesCompetition(route));
                output.WriteLine($"{method,-5} {route,-30} {who,-19} {declared,-20} {(int)response.StatusCode} {got}");
                if (got != expected || (int)response.StatusCode >= 500)
                {
                    mismatches.Add($"{method} {route} as {who}: expected {expected}, got {got} ({(int)response.StatusCode})");
                }
            }
        }

        // Static files are public by nature; each must say so and be served to an anonymous caller.
        var files = all.Where(IsStaticFile).ToList();
        foreach (var file in files)
        {
            var declared = AuthorizationMatrix.Read(file.RoutePattern.RawText!, [.. file.Metadata], problems);
            if (!declared.Anonymous)
            {
                problems.Add($"{file.RoutePattern.RawText}: a static file that is not anonymous");
            }
        }

        using (var css = await world.Sessions[Who.Anonymous].Http.GetAsync("/app.css"))
        {
            Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
        // control: the endpoints under test include one that refuses anonymous callers and several that admit them.
        Assert.Contains(endpoints, e => e.RoutePattern.RawText == "/account/logout");
        Assert.True(endpoints.Count >= 8, $"only {endpoints.Count} endpoints");
    }

    [Fact]
    public async Task HubMethods_EveryCaller_GetsWhatTheDeclaredPolicyAllows()
    {
        using var world = await MatrixWorld.CreateAsync(app);
        var problems = new List<string>();
        var mismatches = new List<string>();
        var allowed = 0;
        var refused = 0;
        foreach (var (hub, path) in OurHubs(AuthorizationMatrix.Endpoints(app)))
        {
            foreach (var who in AuthorizationMatrix.Everyone)
            {
                await using var connection = new HubConnectionBuilder()
                    .WithUrl(new Uri(app.BaseUri, path.TrimStart('/')), o => o.Cookies = world.Sessions[who].Cookies)
                    .Build();
                await connection.StartAsync();
                foreach (var method in HubMethods(hub))
                {
                    var declared = AuthorizationMatrix.Read($"{path} {method.Name}", [.. method.GetCustomAttributes(inherit: true)], problems);
                    var args = method.GetParameters().Select(p => HubArgument(p, world, declared, who, problems)).ToArray();
                    var namesCompetition = method.GetParameters().Any(p => p.Name == "competitionId");
                    var expected = AuthorizationMatrix.Expected(declared, who, namesCompetition) == Outcome.Allowed;
                    bool got;
                    string? refusedByMethod = null;
                    object? answer = null;
                    try
                    {
                        answer = await connection.InvokeCoreAsync(method.Name, typeof(object), args);
                        got = true;
                        allowed++;
                    }
                    catch (HubException ex) when (ex.Message.Contains("unauthorized", StringComparison.OrdinalIgnoreCase))
                    {
                        got = false;
                        refused++;
                    }
                    catch (HubException ex)
                    {
                        // Past the policy, refused by the method itself: what a token method does with a forged token.
                        got = true;
                        refusedByMethod = ex.Message;
                    }

                    output.WriteLine($"{path} {method.Name,-8} {who,-19} {declared,-20} {(got ? "allowed" : "refused")} {refusedByMethod}");
                    if (got != expected)
                    {
                        mismatches.Add($"{path} {method.Name} as {who}: expected {(expected ? "allowed" : "refused")}, got {(got ? "allowed" : "refused")}");
                    }
                    else if (declared.TokenKind is not null && (who == Who.Voter) != (refusedByMethod is null))
                    {
                        // A valid token is answered; a forged one is refused and hears nothing of the competition.
                        mismatches.Add($"{path} {method.Name} as {who}: token {(who == Who.Voter ? "valid but refused: " + refusedByMethod : "forged but answered")}");
                    }
                    else if (declared.TokenKind is not null && who == Who.Voter
                        && !Texts(answer).Any(t => t.Contains(world.CompetitionName, StringComparison.Ordinal)))
                    {
                        mismatches.Add($"{path} {method.Name} as {who}: a valid token, but the answer does not show the competition");
                    }
                    else if (declared.TokenKind is null && refusedByMethod is not null)
                    {
                        mismatches.Add($"{path} {method.Name} as {who}: allowed by the policy, then refused by the method: {refusedByMethod}");
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
        // control: some calls were admitted and some refused.
        Assert.True(allowed > 0 && refused > 0, $"allowed {allowed}, refused {refused}");
    }

    /// <summary>Every string in a hub method's answer, as the client received it.</summary>
    private static IEnumerable<string> Texts(object? answer) => answer is System.Text.Json.JsonElement e ? Texts(e) : [];

    private static IEnumerable<string> Texts(System.Text.Json.JsonElement e) => e.ValueKind switch
    {
        System.Text.Json.JsonValueKind.String => [e.GetString() ?? ""],
        System.Text.Json.JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Texts(p.Value)),
        System.Text.Json.JsonValueKind.Array => e.EnumerateArray().SelectMany(Texts),
        _ => [],
    };

    private static object? HubArgument(ParameterInfo p, MatrixWorld world, Declaration declared, Who who, List<string> problems)
    {
        if (p.Name == "competitionId" && p.ParameterType == typeof(int))
        {
            return world.Scenario.CompetitionId;
        }

        if (p.Name == "roundId" && p.ParameterType == typeof(int))
        {
            return world.Scenario.RoundId;
        }

        if (p.Name == "token" && p.ParameterType == typeof(string) && declared.TokenKind is { } kind)
        {
            return who == Who.Voter ? world.ValidToken(kind)?.Token : world.RouteValues["Token"];
        }

        problems.Add($"{p.Member.DeclaringType?.Name}.{p.Member.Name}: the matrix has no value for parameter {p.Name}; teach HubArgument.");
        return null;
    }
}
