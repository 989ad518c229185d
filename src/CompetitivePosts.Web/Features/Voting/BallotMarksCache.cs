using System.Collections.Concurrent;
using System.Globalization;
using CompetitivePosts.Domain.Voting;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace CompetitivePosts.Web.Features.Voting;

/// <summary>
/// The empty ballot's lines (100 candidates × 3 radios in the bench) rendered once per round and
/// language and then written into every ballot page as it is (docs/performance.md: rendering them per
/// request was most of a ballot's CPU). A round's ballot cannot change once it has opened (ADR 0016),
/// and only open rounds reach this cache, so an entry never goes stale. A refused ballot, which shows
/// the voter's own marks again, is rendered live.
/// </summary>
public sealed class BallotMarksCache : IAsyncDisposable
{
    private readonly ConcurrentDictionary<(int RoundId, string Culture), Lazy<Task<string>>> _html = new();

    // The renderer needs scoped services (Blazor's activity source); it lives as long as this cache, in a scope of its own.
    private readonly AsyncServiceScope _scope;
    private readonly HtmlRenderer _renderer;

    public BallotMarksCache(IServiceScopeFactory scopes, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        _scope = scopes.CreateAsyncScope();
        _renderer = new HtmlRenderer(_scope.ServiceProvider, loggers);
    }

    public async Task<string> GetAsync(VotingRound round)
    {
        ArgumentNullException.ThrowIfNull(round);
        var culture = CultureInfo.CurrentUICulture;
        var key = (round.Id, culture.Name);
        var entry = _html.GetOrAdd(key, _ => new Lazy<Task<string>>(() => RenderAsync(round, culture)));
        try
        {
            return await entry.Value;
        }
        catch
        {
            // A failed render is not kept: the next page tries again.
            _html.TryRemove(KeyValuePair.Create(key, entry));
            throw;
        }
    }

    private Task<string> RenderAsync(VotingRound round, CultureInfo culture) => _renderer.Dispatcher.InvokeAsync(async () =>
    {
        CultureInfo.CurrentUICulture = culture;
        CultureInfo.CurrentCulture = culture;
        var output = await _renderer.RenderComponentAsync<BallotMarks>(ParameterView.FromDictionary(new Dictionary<string, object?>
        {
            [nameof(BallotMarks.Round)] = round,
        }));
        return output.ToHtmlString();
    });

    public async ValueTask DisposeAsync()
    {
        await _renderer.DisposeAsync();
        await _scope.DisposeAsync();
    }
}
