namespace CompetitivePosts.Web.Tests.Infrastructure;

/// <summary>
/// For components rendered with Blazor's HtmlRenderer: static rendering runs no OnAfterRender, so nothing calls the
/// browser; MudBlazor's services only need one to exist.
/// </summary>
internal sealed class NoBrowser : Microsoft.JSInterop.IJSRuntime
{
    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => ValueTask.FromResult(default(TValue)!);

    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
        ValueTask.FromResult(default(TValue)!);
}
