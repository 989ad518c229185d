using System.Collections;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using CompetitivePosts.Domain;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CompetitivePosts.Web.Tests.Features.Security;

/// <summary>
/// What an interactive page can do is what its handlers allow, so the matrix calls every public
/// handler method that takes an <see cref="Actor"/> (found by reflection, resolved from the app's
/// DI) as each kind of caller, and reads the audit trail to see what changed: every change is on
/// it, or the save throws (ADR 0008). A new handler method is covered the day it is written.
/// </summary>
[Collection(AppTests.Name)]
public class HandlerMatrixTests(AppFixture app, ITestOutputHelper output)
{
    private static readonly string[] AccessRefusals =
    [
        "You may not manage this unit's competition.",
        "You may not see this unit's competition.",
    ];

    private static readonly JsonSerializerOptions Json = new()
    {
        ReferenceHandler = ReferenceHandler.IgnoreCycles,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static IEnumerable<(Type Type, MethodInfo Method)> HandlerMethods() =>
        typeof(Program).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.Namespace?.StartsWith("CompetitivePosts.Web.Features", StringComparison.Ordinal) == true
                && !typeof(ComponentBase).IsAssignableFrom(t))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                // Accessors, record equality and generic plumbing (AccountChanges.RunAsync) are not use cases.
                .Where(m => !m.IsSpecialName && !m.IsGenericMethodDefinition && m.Name != nameof(Equals)
                    && m.GetParameters().Any(p => p.ParameterType == typeof(Actor)))
                .Select(m => (t, m)))
            .OrderBy(x => x.t.FullName, StringComparer.Ordinal).ThenBy(x => x.m.Name, StringComparer.Ordinal);

    /// <summary>The method names a competition: an int parameter for it, or a command whose constructor takes one.</summary>
    private static bool NamesCompetition(MethodInfo m) =>
        m.GetParameters().Any(p => IsCompetitionId(p)
            || p.ParameterType.GetConstructors().Any(c => c.GetParameters().Any(IsCompetitionId)));

    private static bool IsCompetitionId(ParameterInfo p) =>
        p.ParameterType == typeof(int) && p.Name is "competitionId" or "id" or "CompetitionId" or "Id";

    [Fact]
    public async Task Handlers_EveryCaller_SeesAndChangesOnlyWhatItsRoleAllows()
    {
        var name = "处理器矩阵-" + Guid.NewGuid().ToString("N")[..8];
        var s = await app.OpenForVotingAsync(name);
        var here = await app.DemoUnitIdAsync();
        var elsewhere = await app.OtherUnitIdAsync();
        var target = await app.EnsureAsync("m-handler-target", Roles.Observer);
        var callers = new (string Who, Actor Actor)[]
        {
            ("anonymous", Actor.Anonymous),
            ("organizer elsewhere", new Actor("别处组织者", ActorRoles.Organizer, [elsewhere], "matrix-elsewhere")),
            ("observer", Scenarios.Observer),
            ("administrator", Scenarios.Administrator),
            ("reviewer", Scenarios.Reviewer),
            ("organizer here", new Actor("本单位组织者", ActorRoles.Organizer, [here], "matrix-here")),
        };
        var methods = HandlerMethods().ToList();
        var failures = new List<string>();
        using var scope = app.Services.CreateScope();

        foreach (var (who, actor) in callers)
        {
            foreach (var (type, method) in methods)
            {
                var handler = scope.ServiceProvider.GetService(type);
                if (handler is null)
                {
                    failures.Add($"{type.Name} takes an Actor but is not registered in DI");
                    continue;
                }

                var before = await LastAuditIdAsync();
                var args = method.GetParameters().Select(p => Argument(p.ParameterType, p.Name ?? "", actor, s.CompetitionId, here, target, 0)).ToArray();
                var (result, error) = await InvokeAsync(handler, method, args);
                var written = await EntriesSinceAsync(before);
                var label = $"{(type.DeclaringType is { } outer ? outer.Name + "." : "")}{type.Name}.{method.Name} as {who}";
                output.WriteLine($"{label,-70} {(error is null ? "ok" : error.GetType().Name + ": " + error.Message)} {written.Count} entries");

                var outsider = actor == Actor.Anonymous || who == "organizer elsewhere";
                if (outsider && NamesCompetition(method) && error is null)
                {
                    failures.Add($"{label}: answered instead of refusing");
                }
                else if (outsider && NamesCompetition(method) && !RefusesTheCaller(error))
                {
                    // The matrix sends junk: a handler that reads it before checking access refuses for the wrong reason and proves nothing.
                    failures.Add($"{label}: refused for what was sent ({error?.GetType().Name}: {error?.Message}) before being refused as an outsider");
                }

                if (outsider && result is not null && Serialize(result).Contains(name, StringComparison.Ordinal))
                {
                    failures.Add($"{label}: the answer shows the competition");
                }

                var allowedActions = who switch
                {
                    "reviewer" => [AuditActions.FilingAccept, AuditActions.FilingRefuse],
                    "administrator" => AuditActions.All.Where(a => a.StartsWith("account.", StringComparison.Ordinal) || a == AuditActions.UnitCreate || a == AuditActions.CalendarChange).ToArray(),
                    "organizer here" => null,
                    _ => Array.Empty<string>(),
                };
                foreach (var entry in written.Where(e => allowedActions is not null && !allowedActions.Contains(e.Action)))
                {
                    failures.Add($"{label}: wrote {entry.Action} on chain {entry.CompetitionId}");
                }

                if (who == "administrator" && written.Any(e => e.CompetitionId != 0))
                {
                    failures.Add($"{label}: an administrator changed a competition");
                }

                if (who == "organizer here" && NamesCompetition(method) && error is DomainException d && AccessRefusals.Contains(d.MessageKey))
                {
                    failures.Add($"{label}: the unit's own organizer was refused ({d.MessageKey})");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        // control: the reflection found the handlers the pages use, and the organizer's calls did change the competition.
        Assert.Contains(methods, m => m.Method.Name == "AddCadreAsync");
        Assert.Contains(methods, m => m.Method.Name == "AcceptAsync");
        Assert.True(methods.Count >= 30, $"only {methods.Count} handler methods");
        await using var db = app.NewDb();
        Assert.True(await db.AuditEntries.CountAsync(e => e.CompetitionId == s.CompetitionId && e.UserId == "matrix-here") > 0);
    }

    /// <summary>A refusal of who the caller is (no access, no such competition, not the role), not of what the call sent.</summary>
    private static bool RefusesTheCaller(Exception? error) =>
        error is DomainException d && (AccessRefusals.Contains(d.MessageKey) || d.MessageKey == "No such competition."
            || d.MessageKey == "Sign in first." || d.MessageKey.StartsWith("Only ", StringComparison.Ordinal));

    private async Task<long> LastAuditIdAsync()
    {
        await using var db = app.NewDb();
        return await db.AuditEntries.MaxAsync(e => (long?)e.Id) ?? 0;
    }

    private async Task<List<Domain.Audit.AuditEntry>> EntriesSinceAsync(long id)
    {
        await using var db = app.NewDb();
        return await db.AuditEntries.AsNoTracking().Where(e => e.Id > id).ToListAsync();
    }

    private static async Task<(object? Result, Exception? Error)> InvokeAsync(object handler, MethodInfo method, object?[] args)
    {
        try
        {
            var returned = method.Invoke(handler, args);
            if (returned is Task task)
            {
                await task;
                var resultProperty = task.GetType().GetProperty("Result");
                var value = resultProperty?.GetValue(task);
                return (value?.GetType().FullName == "System.Threading.Tasks.VoidTaskResult" ? null : value, null);
            }

            return (returned, null);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            return (null, ex.InnerException);
        }
#pragma warning disable CA1031 // Any exception is a refusal as far as the matrix is concerned; what changed is checked separately.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return (null, ex);
        }
    }

    private static string Serialize(object value)
    {
        try
        {
            return JsonSerializer.Serialize(value, value.GetType(), Json);
        }
        catch (NotSupportedException)
        {
            return value is IEnumerable items ? string.Join("|", items.Cast<object?>().Select(i => i?.ToString())) : value.ToString() ?? "";
        }
    }

    /// <summary>A plausible value for each parameter: the matrix competition, this unit, a throwaway account, junk text.</summary>
    private static object? Argument(Type type, string name, Actor actor, int competitionId, int unitId, string userId, int depth)
    {
        if (type == typeof(Actor))
        {
            return actor;
        }

        if (type == typeof(int))
        {
            return name switch
            {
                "competitionId" or "id" or "Id" or "CompetitionId" => competitionId,
                "unitId" or "UnitId" => unitId,
                _ => 0,
            };
        }

        if (type == typeof(string))
        {
            return name is "userId" or "UserId" ? userId : "矩阵" + Guid.NewGuid().ToString("N")[..6];
        }

        if (type == typeof(bool) || type == typeof(CancellationToken) || type.IsEnum || (type.IsValueType && Nullable.GetUnderlyingType(type) is null))
        {
            return Activator.CreateInstance(type);
        }

        if (Nullable.GetUnderlyingType(type) is not null || typeof(Delegate).IsAssignableFrom(type))
        {
            return null;
        }

        if (type.IsArray || (type.IsGenericType && type.GetGenericTypeDefinition() is var g
            && (g == typeof(IReadOnlyList<>) || g == typeof(IEnumerable<>) || g == typeof(IReadOnlyCollection<>) || g == typeof(IList<>))))
        {
            var element = type.IsArray ? type.GetElementType()! : type.GetGenericArguments()[0];
            return Array.CreateInstance(element, 0);
        }

        if (type == typeof(Stream))
        {
            return new MemoryStream();
        }

        // Commands and filters: built through their constructor with the same rules.
        var ctor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
        if (ctor is null || depth > 3)
        {
            return null;
        }

        return ctor.Invoke([.. ctor.GetParameters().Select(p => Argument(p.ParameterType, p.Name ?? "", actor, competitionId, unitId, userId, depth + 1))]);
    }
}
