using CompetitivePosts.Web.Features.Common;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace CompetitivePosts.Web.Features.Security;

/// <summary>Settings under "Limits".</summary>
public sealed class RequestLimitOptions
{
    /// <summary>
    /// The largest HTTP request body. Forms here are a few kilobytes; file uploads go through the
    /// Blazor circuit (InputFile), in 32 KB messages, and are not bound by this (docs/security.md).
    /// </summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}

/// <summary>Oversized requests and stale forms are refused with a page that says so, before any handler runs.</summary>
public static class RequestLimits
{
    public static IServiceCollection AddRequestLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = services.AddSettings<RequestLimitOptions>(configuration, "Limits");
        services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = settings.MaxRequestBodyBytes);
        services.Configure<FormOptions>(o =>
        {
            o.MultipartBodyLengthLimit = settings.MaxRequestBodyBytes;
            o.ValueLengthLimit = (int)Math.Min(int.MaxValue, settings.MaxRequestBodyBytes);
            o.BufferBodyLengthLimit = settings.MaxRequestBodyBytes;
        });
        return services;
    }

    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var max = context.RequestServices.GetRequiredService<IOptions<RequestLimitOptions>>().Value.MaxRequestBodyBytes;
            if (context.Request.ContentLength > max)
            {
                await TooLargeAsync(context, max);
                return;
            }

            // A body without a length (chunked) is counted as it is read; Kestrel does the same, other hosts may not.
            if (context.Request.ContentLength is null && context.Request.Body.CanRead)
            {
                context.Request.Body = new LimitedStream(context.Request.Body, max);
            }

            try
            {
                await next();
            }
            catch (Microsoft.AspNetCore.Http.BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                await TooLargeAsync(context, max);
            }
        });

    /// <summary>
    /// A form posted with a missing or stale antiforgery token (an old tab, another session, a
    /// cross-site post) gets a page that says what to do instead of a bare 400.
    /// </summary>
    public static IApplicationBuilder UseAntiforgeryGate(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false } failed
                && context.GetEndpoint()?.Metadata.GetMetadata<IAntiforgeryMetadata>() is { RequiresValidation: true })
            {
                // Reading the form for its token is where an oversized chunked body is stopped.
                if (failed.Error?.InnerException is Microsoft.AspNetCore.Http.BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
                {
                    var max = context.RequestServices.GetRequiredService<IOptions<RequestLimitOptions>>().Value.MaxRequestBodyBytes;
                    await TooLargeAsync(context, max);
                    return;
                }

                await StatusPage.WriteAsync(context, StatusCodes.Status400BadRequest, "This page has expired",
                    "The form came from a page that has expired or from another session. Go back, reload the page and try again.");
                return;
            }

            await next();
        });

    private static Task TooLargeAsync(HttpContext context, long max) =>
        StatusPage.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Request too large",
            "The request is larger than the {0} KB this server accepts.", max / 1024);

    /// <summary>Refuses a body once more than the limit has been read.</summary>
    private sealed class LimitedStream(Stream inner, long max) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read)
        {
            _read += read;
            if (_read > max)
            {
                throw new Microsoft.AspNetCore.Http.BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
            }

            return read;
        }
    }
}
