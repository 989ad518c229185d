using System.Buffers.Binary;
using CompetitivePosts.Domain.Voting;
using CompetitivePosts.Web.Tests.Infrastructure;

namespace CompetitivePosts.Web.Tests.Features.Voting;

/// <summary>The drawn signature's check: a canvas PNG with ink passes; blank, foreign or oversized images do not.</summary>
public class SignatureImageTests
{
    [Fact]
    public void Problem_DrawnCanvasPng_IsNone() => Assert.Null(SignatureImage.Problem(TestBallots.Png()));

    [Fact]
    public void Problem_LargeDrawnPngWithinBounds_IsNone() => Assert.Null(SignatureImage.Problem(TestBallots.Png(1440, 480)));

    public static TheoryData<string, string> Bad() => new()
    {
        { "missing", "Please draw your signature in the box." },
        { "blank", "Please draw your signature in the box." },
        { "not a PNG", "The drawn signature could not be read. Please clear it and sign again." },
        { "truncated", "The drawn signature could not be read. Please clear it and sign again." },
        { "too wide", "The drawn signature could not be read. Please clear it and sign again." },
        { "RGB without alpha", "The drawn signature could not be read. Please clear it and sign again." },
        { "too many bytes", "The drawn signature is too large. Please clear it and sign again." },
    };

    [Theory]
    [MemberData(nameof(Bad))]
    public void Problem_BadImage_IsNamed(string bad, string key)
    {
        var png = bad switch
        {
            "missing" => [],
            "blank" => TestBallots.Png(drawn: false),
            "not a PNG" => "GIF89a this is not a png at all"u8.ToArray(),
            "truncated" => TestBallots.Png()[..60],
            "too wide" => TestBallots.Png(SignatureImage.MaxWidth + 1, 10),
            "RGB without alpha" => WithColourType(TestBallots.Png(), 2),
            _ => new byte[SignatureImage.MaxBytes + 1],
        };

        Assert.Equal(key, SignatureImage.Problem(png)?.Key);
    }

    private static byte[] WithColourType(byte[] png, byte type)
    {
        var copy = (byte[])png.Clone();
        copy[8 + 8 + 9] = type; // signature, IHDR length and type, then width, height, depth: colour type
        Assert.Equal(13, BinaryPrimitives.ReadInt32BigEndian(copy.AsSpan(8)));
        return copy;
    }
}
