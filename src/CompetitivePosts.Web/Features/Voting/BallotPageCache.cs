using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Voting;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace CompetitivePosts.Web.Features.Voting;

/// <summary>
/// The two ballot pages every voter gets — the empty ballot and the receipt — rendered from <see cref="BallotPage"/>
/// once per round, language and voter category, with markers where the voter's own values go, and then written per
/// request as fixed UTF-8 pieces with those values encoded in between (docs/adr/0028). A round's ballot cannot
/// change once it has opened (ADR 0016) and only open rounds reach this cache, so an entry never goes stale.
/// Rendering the component per request was most of a ballot's CPU (docs/performance.md); every other state of the
/// page (a refused ballot showing the voter's marks, the review, the messages) is rendered live as before.
/// </summary>
public sealed class BallotPageCache : IAsyncDisposable
{
    // Letters, digits and hyphens only: the renderer's HTML encoder leaves them as they are, so they can be found again.
    private const string TokenSlot = "cp-slot-token-7d1e";
    private const string NameSlot = "cp-slot-name-7d1e";
    private const string AntiforgerySlot = "cp-slot-antiforgery-7d1e";
    private const string ReceiptSlot = "cp-slot-receipt-7d1e";

    private readonly ConcurrentDictionary<(int RoundId, string Culture, VoterCategory Category, bool Receipt, string Field), Lazy<Task<BallotHtml>>> _pages = new();

    // The renderer needs scoped services (Blazor's activity source); it lives as long as this cache, in a scope of its own.
    private readonly AsyncServiceScope _scope;
    private readonly HtmlRenderer _renderer;

    // The app's encoder (Program.cs lets Chinese through as it is), the one the renderer uses for every other value.
    private readonly HtmlEncoder _encoder;

    public BallotPageCache(IServiceScopeFactory scopes, ILoggerFactory loggers, HtmlEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        _encoder = encoder;
        _scope = scopes.CreateAsyncScope();
        _renderer = new HtmlRenderer(_scope.ServiceProvider, loggers);
    }

    /// <summary>The empty ballot of an open round, for one voter.</summary>
    public async Task<IResult> BallotAsync(RoundSheet sheet, VoterCategory category, string token, string voterName, string antiforgeryField,
        string antiforgeryToken)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        var page = await GetAsync(sheet, category, receipt: false, antiforgeryField);
        return page.With(_encoder, token, voterName, antiforgeryToken, receipt: "");
    }

    /// <summary>The page after an accepted ballot: the thanks, and for a signed round the receipt code.</summary>
    public async Task<IResult> ReceiptAsync(RoundSheet sheet, VoterCategory category, string token, string voterName, string? receipt)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        var page = await GetAsync(sheet, category, receipt: true, antiforgeryField: "");
        return page.With(_encoder, token, voterName, antiforgeryToken: "", receipt ?? "");
    }

    private async Task<BallotHtml> GetAsync(RoundSheet sheet, VoterCategory category, bool receipt, string antiforgeryField)
    {
        var culture = CultureInfo.CurrentUICulture;
        var key = (sheet.Round.Id, culture.Name, category, receipt, antiforgeryField);
        var entry = _pages.GetOrAdd(key, _ => new Lazy<Task<BallotHtml>>(() => RenderAsync(sheet, category, receipt, antiforgeryField, culture)));
        try
        {
            return await entry.Value;
        }
        catch
        {
            // A failed render is not kept: the next page tries again.
            _pages.TryRemove(KeyValuePair.Create(key, entry));
            throw;
        }
    }

    private Task<BallotHtml> RenderAsync(RoundSheet sheet, VoterCategory category, bool receipt, string antiforgeryField, CultureInfo culture) =>
        _renderer.Dispatcher.InvokeAsync(async () =>
        {
            CultureInfo.CurrentUICulture = culture;
            CultureInfo.CurrentCulture = culture;
            var view = new BallotView(BallotState.Open, sheet, NameSlot, category);
            var parameters = new Dictionary<string, object?>
            {
                [nameof(BallotPage.Token)] = TokenSlot,
                [nameof(BallotPage.View)] = view,
                [nameof(BallotPage.AntiforgeryField)] = antiforgeryField,
                [nameof(BallotPage.AntiforgeryToken)] = AntiforgerySlot,
            };
            if (receipt)
            {
                parameters[nameof(BallotPage.Result)] = new SubmitResult(SubmitOutcome.Accepted, view, Receipt: sheet.Round.IsSigned ? ReceiptSlot : null);
            }

            var output = await _renderer.RenderComponentAsync<BallotPage>(ParameterView.FromDictionary(parameters));
            return BallotHtml.Split(output.ToHtmlString());
        });

    public async ValueTask DisposeAsync()
    {
        await _renderer.DisposeAsync();
        await _scope.DisposeAsync();
    }

    /// <summary>A rendered page as fixed UTF-8 pieces and the slots between them.</summary>
    private sealed class BallotHtml
    {
        private static readonly string[] Slots = [TokenSlot, NameSlot, AntiforgerySlot, ReceiptSlot];

        private readonly byte[][] _pieces;
        private readonly int[] _slots;

        private BallotHtml(byte[][] pieces, int[] slots) => (_pieces, _slots) = (pieces, slots);

        public static BallotHtml Split(string html)
        {
            var pieces = new List<byte[]>();
            var slots = new List<int>();
            var at = 0;
            while (true)
            {
                var next = Slots.Select((s, i) => (Index: html.IndexOf(s, at, StringComparison.Ordinal), Slot: i))
                    .Where(x => x.Index >= 0).OrderBy(x => x.Index).FirstOrDefault((Index: -1, Slot: -1));
                if (next.Index < 0)
                {
                    pieces.Add(Encoding.UTF8.GetBytes(html[at..]));
                    return new BallotHtml([.. pieces], [.. slots]);
                }

                pieces.Add(Encoding.UTF8.GetBytes(html[at..next.Index]));
                slots.Add(next.Slot);
                at = next.Index + Slots[next.Slot].Length;
            }
        }

        public IResult With(HtmlEncoder encoder, string token, string name, string antiforgeryToken, string receipt)
        {
            // Encoded as the renderer encodes any value: the name is the voter's, the rest are ours but are treated alike.
            string[] values = [encoder.Encode(token), encoder.Encode(name), encoder.Encode(antiforgeryToken), encoder.Encode(receipt)];
            return new Writer(this, values);
        }

        private sealed class Writer(BallotHtml page, string[] values) : IResult
        {
            public async Task ExecuteAsync(HttpContext httpContext)
            {
                var response = httpContext.Response;
                response.ContentType = "text/html; charset=utf-8";
                var body = response.BodyWriter;
                var length = 0L;
                for (var i = 0; i < page._pieces.Length; i++)
                {
                    length += page._pieces[i].Length + (i < page._slots.Length ? Encoding.UTF8.GetByteCount(values[page._slots[i]]) : 0);
                }

                response.ContentLength = length;
                for (var i = 0; i < page._pieces.Length; i++)
                {
                    body.Write(page._pieces[i]);
                    if (i < page._slots.Length)
                    {
                        Encoding.UTF8.GetBytes(values[page._slots[i]], body);
                    }
                }

                await body.FlushAsync(httpContext.RequestAborted);
            }
        }
    }
}
