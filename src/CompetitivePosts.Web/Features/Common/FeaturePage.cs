using CompetitivePosts.Domain;
using CompetitivePosts.Web.Data;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace CompetitivePosts.Web.Features.Common;

/// <summary>
/// What every organizer and reviewer page shares: who is acting, and running a use case so that a
/// broken rule becomes a message in the user's language instead of a crashed circuit.
/// </summary>
public abstract class FeaturePage : ComponentBase
{
    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    protected IStringLocalizer<SharedResource> Localizer { get; set; } = default!;

    [Inject]
    protected ISnackbar Snackbar { get; set; } = default!;

    protected Actor Actor { get; private set; } = Actor.Anonymous;

    protected bool Busy { get; private set; }

    /// <summary>Set when the page itself cannot be shown (no such competition, no access).</summary>
    protected string? LoadError { get; private set; }

    /// <summary>The fields the last use case refused, each with its message in the user's language.</summary>
    protected IReadOnlyDictionary<string, string> FieldErrors { get; private set; } = new Dictionary<string, string>();

    protected string? FieldError(string field) => FieldErrors.GetValueOrDefault(field);

    protected override async Task OnParametersSetAsync()
    {
        if (AuthenticationState is not null)
        {
            Actor = Actor.From((await AuthenticationState).User);
        }

        try
        {
            LoadError = null;
            await LoadAsync();
        }
        catch (DomainException ex)
        {
            LoadError = Localizer.Message(ex);
        }
        catch (Exception ex) when (DatabaseOutage.Is(ex))
        {
            LoadError = Localizer[DatabaseOutage.Message];
        }
    }

    protected abstract Task LoadAsync();

    /// <summary>Reviewers may look at a unit's pages but not change them, so the controls are hidden.</summary>
    protected bool CanManage(CompetitionHeader header) => header is not null && Actor.CanManage(header.UnitId);

    /// <summary>Runs a use case, reports success or the broken rule, and reloads the page's data.</summary>
    protected async Task<bool> RunAsync(Func<Task> action, string? successKey = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        Busy = true;
        FieldErrors = new Dictionary<string, string>();
        try
        {
            await action();
            if (successKey is not null)
            {
                Snackbar.Add(Localizer[successKey], Severity.Success);
            }

            await LoadAsync();
            return true;
        }
        catch (DomainException ex)
        {
            Snackbar.Add(Localizer.Message(ex), Severity.Error);
            return false;
        }
        catch (InvalidInputException ex)
        {
            // Every refused field at once, beside the field and in one message.
            FieldErrors = ex.Errors.GroupBy(e => e.Field)
                .ToDictionary(g => g.Key, g => string.Join(" ", g.Select(e => Localizer.Message(e.Error))));
            foreach (var (field, message) in FieldErrors)
            {
                Snackbar.Add(Localizer[field] + " · " + message, Severity.Error);
            }

            return false;
        }
        catch (Exception ex) when (DatabaseOutage.Is(ex))
        {
            // The transaction never committed, so nothing is half-written; the user's input stays on the page.
            Snackbar.Add(Localizer[DatabaseOutage.Message], Severity.Error);
            return false;
        }
        catch (DbUpdateException)
        {
            // A unique index or a race with another organizer: nothing was saved, say so plainly.
            Snackbar.Add(Localizer["Someone else changed this at the same time. Reload the page and try again."], Severity.Error);
            await LoadAsync();
            return false;
        }
        finally
        {
            Busy = false;
        }
    }
}
