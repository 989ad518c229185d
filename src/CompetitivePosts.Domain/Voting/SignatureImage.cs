using System.Buffers.Binary;
using System.IO.Compression;

namespace CompetitivePosts.Domain.Voting;

/// <summary>
/// Checks a drawn signature before it is stored with a ballot: a PNG as a browser canvas writes it
/// (8-bit RGBA), of bounded size, and not blank. A blank canvas is transparent black, every byte
/// zero, and every PNG filter of all-zero rows is zero again, so a signature is there exactly when a
/// byte of the inflated image data (other than a row's filter type) is not zero.
/// </summary>
public static class SignatureImage
{
    public const int MaxBytes = 200 * 1024;
    public const int MaxWidth = 2400;
    public const int MaxHeight = 1200;

    private static readonly byte[] Magic = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Null when the image will do; otherwise what is wrong, in words for the voter.</summary>
    public static DomainMessage? Problem(byte[]? png)
    {
        if (png is null || png.Length == 0)
        {
            return new DomainMessage("Please draw your signature in the box.");
        }

        if (png.Length > MaxBytes)
        {
            return new DomainMessage("The drawn signature is too large. Please clear it and sign again.");
        }

        return IsBlank(png) switch
        {
            null => new DomainMessage("The drawn signature could not be read. Please clear it and sign again."),
            true => new DomainMessage("Please draw your signature in the box."),
            false => null,
        };
    }

    /// <summary>True for an empty drawing, false for a drawing, null for anything that is not an 8-bit RGBA PNG within bounds.</summary>
    private static bool? IsBlank(byte[] png)
    {
        if (png.Length < 33 || !png.AsSpan(0, 8).SequenceEqual(Magic))
        {
            return null;
        }

        int width = 0, height = 0;
        using var idat = new MemoryStream();
        var at = 8;
        var first = true;
        while (at + 12 <= png.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at, 4));
            if (length < 0 || at + 12L + length > png.Length)
            {
                return null;
            }

            var type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            var data = png.AsSpan(at + 8, length);
            if (first)
            {
                // IHDR: width, height, bit depth 8, colour type 6 (RGBA), no interlacing.
                if (type != "IHDR" || length != 13 || data[8] != 8 || data[9] != 6 || data[12] != 0)
                {
                    return null;
                }

                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                if (width is < 1 or > MaxWidth || height is < 1 or > MaxHeight)
                {
                    return null;
                }

                first = false;
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }
            else if (type == "IEND")
            {
                break;
            }

            at += 12 + length;
        }

        if (first || idat.Length == 0)
        {
            return null;
        }

        // Streamed in small pieces, so a large image costs no large buffer.
        var stride = 1 + (width * 4);
        var expected = (long)stride * height;
        var buffer = new byte[16 * 1024];
        long offset = 0;
        var drawn = false;
        try
        {
            idat.Position = 0;
            using var inflate = new ZLibStream(idat, CompressionMode.Decompress);
            int n;
            while ((n = inflate.Read(buffer, 0, buffer.Length)) > 0)
            {
                for (var i = 0; i < n && !drawn; i++)
                {
                    drawn = buffer[i] != 0 && (offset + i) % stride != 0;
                }

                offset += n;
                if (offset > expected)
                {
                    return null;
                }
            }
        }
        catch (InvalidDataException)
        {
            return null;
        }

        if (offset != expected)
        {
            return null;
        }

        return !drawn;
    }
}
