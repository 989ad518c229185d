using Microsoft.AspNetCore.Components;
using QRCoder;

namespace CompetitivePosts.Web.Features.Common;

/// <summary>QR codes for printed links, and the address those links start with.</summary>
public static class QrCodes
{
    /// <summary>SVG, because QRCoder's bitmap renderer needs GDI+, which Linux lacks.</summary>
    public static string Svg(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4);
    }

    /// <summary>
    /// A PNG as a data URI: one element per code instead of hundreds of SVG rectangles, so a sheet of
    /// many slips stays light; drawn with crisp modules so a printed code scans.
    /// </summary>
    public static string PngDataUri(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(8));
    }

    /// <summary>
    /// Where printed links point: <c>Ballot:BaseUrl</c> when set (tablets reach the server by its
    /// meeting-room address, which may differ from the organizer's), otherwise this browser's address. Ends with '/'.
    /// </summary>
    public static string BaseUrl(IConfiguration configuration, NavigationManager navigation)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(navigation);
        return configuration["Ballot:BaseUrl"] is { Length: > 0 } b ? b.TrimEnd('/') + "/" : navigation.BaseUri;
    }
}
