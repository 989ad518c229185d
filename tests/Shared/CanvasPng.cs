using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace CompetitivePosts.Testing;

/// <summary>
/// A drawn signature as a tablet's canvas sends it: an RGBA PNG with a diagonal black stroke (or nothing, for a
/// blank pad) and correct CRCs. Linked into the test project and the bench (one file, no project reference
/// between them), so both post the same image the app's signature check accepts.
/// </summary>
internal static class CanvasPng
{
    public static byte[] Png(int width = 300, int height = 100, bool drawn = true)
    {
        var raw = new byte[height * (1 + (width * 4))];
        if (drawn)
        {
            for (var x = 10; x < width - 10; x++)
            {
                var y = Math.Clamp(height * x / width, 0, height - 1);
                raw[(y * (1 + (width * 4))) + 1 + (x * 4) + 3] = 255; // black, opaque
            }
        }

        using var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(raw);
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 6; // RGBA
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    public static string DataUrl(byte[] png) => "data:image/png;base64," + Convert.ToBase64String(png);

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        png.Write(word);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32(typed));
        png.Write(word);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }
}
