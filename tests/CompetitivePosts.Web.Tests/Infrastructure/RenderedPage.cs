using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.Web.HtmlRendering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor.Services;

namespace CompetitivePosts.Web.Tests.Infrastructure;

/// <summary>What every page of these tests needs to render: logging, the app's text resources, MudBlazor and no browser.</summary>
internal static class RenderedPage
{
    public static IServiceCollection Services() => new ServiceCollection()
        .AddLogging()
        .AddLocalization(o => o.ResourcesPath = "Resources")
        .AddMudServices()
        .AddSingleton<Microsoft.JSInterop.IJSRuntime, NoBrowser>();
}

/// <summary>
/// A test page rendered with Blazor's own HtmlRenderer, changed from the test as a push changes a live page. The page
/// takes a <c>Ready</c> parameter (an <see cref="Action{T}"/> of itself) through which the test reaches it.
/// </summary>
internal sealed class RenderedPage<TPage> : IAsyncDisposable
    where TPage : IComponent
{
    private readonly ServiceProvider _services;
    private readonly HtmlRenderer _renderer;
    private HtmlRootComponent _root;
    private TPage? _page;

    private RenderedPage(ServiceProvider services) => (_services, _renderer) = (services, new HtmlRenderer(services, NullLoggerFactory.Instance));

    public string Html { get; private set; } = "";

    public static async Task<RenderedPage<TPage>> StartAsync(ServiceProvider services, Dictionary<string, object?> parameters)
    {
        var host = new RenderedPage<TPage>(services);
        parameters["Ready"] = (Action<TPage>)(p => host._page = p);
        await host._renderer.Dispatcher.InvokeAsync(async () =>
        {
            host._root = await host._renderer.RenderComponentAsync<TPage>(ParameterView.FromDictionary(parameters));
            host.Html = host._root.ToHtmlString();
        });
        return host;
    }

    /// <summary>Changes the page on the renderer's dispatcher and waits until everything it set off has rendered.</summary>
    public Task ChangeAsync(Action<TPage> change) => _renderer.Dispatcher.InvokeAsync(async () =>
    {
        change(_page ?? throw new InvalidOperationException("The page never said it was ready."));
        await _root.QuiescenceTask;
        Html = _root.ToHtmlString();
    });

    public Task SettleAsync() => ChangeAsync(_ => { });

    public async ValueTask DisposeAsync()
    {
        await _renderer.DisposeAsync();
        await _services.DisposeAsync();
    }
}
