using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Common;
using CompetitivePosts.Web.Features.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CompetitivePosts.Web.Features.Voting;

/// <summary>
/// The voter's pages as plain endpoints that render a component (docs/adr/0016): the ballot at
/// <c>/b/{token}</c> and the receipt check at <c>/receipt</c>. They read their forms themselves, so
/// an expired antiforgery token, a missing field or a malformed body gets a page in the voter's
/// language instead of a framework error.
/// </summary>
internal static class BallotEndpoints
{
    public const string BallotPath = "/b/";

    public static void MapBallotPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/b/{token}", async Task<IResult> (string token, HttpContext http, BallotSubmission ballots, BallotPageCache pages,
            IAntiforgery antiforgery) =>
        {
            BallotView view;
            try
            {
                view = await ballots.LoadAsync(token, http.RequestAborted);
            }
            catch (Exception ex) when (DatabaseOutage.Is(ex))
            {
                return Outage(http, antiforgery, token, retry: null);
            }

            if (view is { State: BallotState.Open, Sheet: { } sheet })
            {
                // The page every voter of the round gets, with this voter's name, token and antiforgery token written in.
                var tokens = antiforgery.GetAndStoreTokens(http);
                NoStore(http);
                return await pages.BallotAsync(sheet, view.Category, token, view.VoterName, tokens.FormFieldName, tokens.RequestToken!);
            }

            return Page(http, antiforgery, new() { [nameof(BallotPage.Token)] = token, [nameof(BallotPage.View)] = view });
        }).VoterPage(TokenKinds.Ballot);

        endpoints.MapPost("/b/{token}", async Task<IResult> (string token, HttpContext http, BallotSubmission ballots, BallotPageCache pages,
            IAntiforgery antiforgery) =>
        {
            var form = await ReadFormAsync(http, antiforgery);
            if (form is null)
            {
                return Page(http, antiforgery, new() { [nameof(BallotPage.Token)] = token, [nameof(BallotPage.Expired)] = true },
                    StatusCodes.Status400BadRequest);
            }

            var post = BallotForm.Parse(form);
            SubmitResult result;
            try
            {
                result = await ballots.SubmitAsync(token, post, http.RequestAborted);
            }
            catch (Exception ex) when (DatabaseOutage.Is(ex))
            {
                // Nothing was committed (one statement, docs/adr/0016): the voter gets their own form back to send again.
                return Outage(http, antiforgery, token, form);
            }

            if (result is { Outcome: SubmitOutcome.Accepted, View.Sheet: { } sheet })
            {
                NoStore(http);
                return await pages.ReceiptAsync(sheet, result.View.Category, token, result.View.VoterName, result.Receipt);
            }

            return Page(http, antiforgery, new()
            {
                [nameof(BallotPage.Token)] = token, [nameof(BallotPage.View)] = result.View, [nameof(BallotPage.Post)] = post,
                [nameof(BallotPage.Result)] = result,
            });
        }).DisableAntiforgery().VoterPage(TokenKinds.Ballot);

        endpoints.MapGet("/receipt", (HttpContext http, IAntiforgery antiforgery) =>
            Receipt(http, antiforgery, new())).VoterPage(tokenKind: null);

        endpoints.MapPost("/receipt", async (HttpContext http, IAntiforgery antiforgery, CheckReceipt check) =>
        {
            var form = await ReadFormAsync(http, antiforgery);
            if (form is null)
            {
                return Receipt(http, antiforgery, new() { [nameof(ReceiptPage.Expired)] = true }, StatusCodes.Status400BadRequest);
            }

            var code = form["Code"].Count == 1 ? form["Code"].ToString() : null;
            var answer = await check.HandleAsync(code, http.RequestAborted);
            return Receipt(http, antiforgery, new() { [nameof(ReceiptPage.Code)] = code, [nameof(ReceiptPage.Answer)] = answer });
        }).DisableAntiforgery().VoterPage(tokenKind: null);
    }

    /// <summary>
    /// A voter's page: anonymous (the ballot checks its token itself, see <see cref="TokenScopedAttribute"/>) and
    /// rate-limited like every anonymous form, so guessing tokens or receipt codes is slow (docs/security.md).
    /// </summary>
    private static RouteHandlerBuilder VoterPage(this RouteHandlerBuilder endpoint, string? tokenKind)
    {
        endpoint.AllowAnonymous().RequireRateLimiting(RateLimits.Ballot);
        return tokenKind is null ? endpoint : endpoint.WithMetadata(new TokenScopedAttribute(tokenKind));
    }

    /// <summary>The form, or null when its antiforgery token does not hold or the body is not a form at all.</summary>
    private static async Task<IFormCollection?> ReadFormAsync(HttpContext http, IAntiforgery antiforgery)
    {
        if (!http.Request.HasFormContentType)
        {
            return null;
        }

        try
        {
            return await antiforgery.IsRequestValidAsync(http) ? await http.Request.ReadFormAsync(http.RequestAborted) : null;
        }
        catch (InvalidDataException)
        {
            // Too many fields, or a field too long for the form reader's limits.
            return null;
        }
        catch (AntiforgeryValidationException ex) when (ex.InnerException is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } tooLarge)
        {
            // A chunked body over the limit, stopped while the token was read: the request-limit page answers it (413).
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(tooLarge).Throw();
            throw;
        }
        catch (AntiforgeryValidationException)
        {
            return null;
        }
    }

    private static RazorComponentResult<BallotPage> Page(HttpContext http, IAntiforgery antiforgery, Dictionary<string, object?> parameters,
        int status = StatusCodes.Status200OK)
    {
        AddAntiforgery(http, antiforgery, parameters);
        NoStore(http);
        return new RazorComponentResult<BallotPage>(parameters) { StatusCode = status };
    }

    /// <summary>
    /// The database cannot be reached: 503 with the outage message, and for a submit a form that posts the
    /// voter's own fields again (with a fresh antiforgery token), so no mark or signature has to be redone.
    /// </summary>
    private static RazorComponentResult<BallotPage> Outage(HttpContext http, IAntiforgery antiforgery, string token, IFormCollection? retry)
    {
        var field = antiforgery.GetAndStoreTokens(http).FormFieldName;
        List<KeyValuePair<string, string>> fields = retry is null
            ? []
            : [.. retry.Where(f => f.Key != field).SelectMany(f => f.Value.Select(v => KeyValuePair.Create(f.Key, v ?? "")))];
        return Page(http, antiforgery, new()
        {
            [nameof(BallotPage.Token)] = token, [nameof(BallotPage.View)] = BallotView.Unknown, [nameof(BallotPage.Outage)] = true,
            [nameof(BallotPage.RetryFields)] = fields,
        }, StatusCodes.Status503ServiceUnavailable);
    }

    private static RazorComponentResult<ReceiptPage> Receipt(HttpContext http, IAntiforgery antiforgery, Dictionary<string, object?> parameters,
        int status = StatusCodes.Status200OK)
    {
        AddAntiforgery(http, antiforgery, parameters);
        NoStore(http);
        return new RazorComponentResult<ReceiptPage>(parameters) { StatusCode = status };
    }

    private static void AddAntiforgery(HttpContext http, IAntiforgery antiforgery, Dictionary<string, object?> parameters)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        parameters["AntiforgeryField"] = tokens.FormFieldName;
        parameters["AntiforgeryToken"] = tokens.RequestToken;
    }

    // A ballot page holds marks and a signature: no cache, and no back-forward copy of it on a shared tablet.
    private static void NoStore(HttpContext http) => http.Response.Headers.CacheControl = "no-store";
}
