using CompetitivePosts.Domain;
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

    protected Actor Actor { get; private set; } = new("", false, false, false, null);

    protected bool Busy { get; private set; }

    /// <summary>Set when the page itself cannot be shown (no such competition, no access).</summary>
    protected string? LoadError { get; private set; }

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
    }

    protected abstract Task LoadAsync();

    /// <summary>Reviewers may look at a unit's pages but not change them, so the controls are hidden.</summary>
    protected bool CanManage(CompetitionHeader header) => header is not null && Actor.CanManage(header.UnitId);

    /// <summary>Runs a use case, reports success or the broken rule, and reloads the page's data.</summary>
    protected async Task<bool> RunAsync(Func<Task> action, string? successKey = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        Busy = true;
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
