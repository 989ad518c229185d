using System.Globalization;
using System.Numerics;

namespace CompetitivePosts.Domain.Tally;

/// <summary>
/// An exact fraction. Scores are compared as fractions so that two candidates whose weighted rates
/// are equal really tie, instead of differing in the 28th decimal place.
/// </summary>
public readonly record struct Rational : IComparable<Rational>
{
    public Rational(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero)
        {
            throw new DivideByZeroException();
        }

        if (denominator.Sign < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }

        var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (gcd > BigInteger.One)
        {
            numerator /= gcd;
            denominator /= gcd;
        }

        Numerator = numerator;
        Denominator = denominator;
    }

    public static Rational Zero { get; } = new(0, 1);

    public BigInteger Numerator { get; }

    public BigInteger Denominator { get; }

    public static Rational operator +(Rational a, Rational b) =>
        new((a.Numerator * b.Denominator) + (b.Numerator * a.Denominator), a.Denominator * b.Denominator);

    public static Rational operator *(Rational a, Rational b) =>
        new(a.Numerator * b.Numerator, a.Denominator * b.Denominator);

    public static Rational operator /(Rational a, Rational b) =>
        new(a.Numerator * b.Denominator, a.Denominator * b.Numerator);

    public static bool operator <(Rational a, Rational b) => a.CompareTo(b) < 0;

    public static bool operator >(Rational a, Rational b) => a.CompareTo(b) > 0;

    public static bool operator <=(Rational a, Rational b) => a.CompareTo(b) <= 0;

    public static bool operator >=(Rational a, Rational b) => a.CompareTo(b) >= 0;

    public int CompareTo(Rational other) =>
        (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

    public Rational Add(Rational other) => this + other;

    public Rational Multiply(Rational other) => this * other;

    public Rational Divide(Rational other) => this / other;

    /// <summary>
    /// This fraction × 100, rounded half away from zero to <paramref name="decimals"/> places, computed on
    /// whole numbers so that 1/8 shows as 12.50 and 2/3 as 66.67 whatever the size of the fraction.
    /// </summary>
    public decimal ToPercent(int decimals = 2)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, 10);
        var scale = BigInteger.Pow(10, decimals);
        var scaled = Numerator * 100 * scale;
        var whole = BigInteger.DivRem(BigInteger.Abs(scaled), Denominator, out var rest);
        if (rest * 2 >= Denominator)
        {
            whole += 1;
        }

        return (scaled.Sign < 0 ? -(decimal)whole : (decimal)whole) / (decimal)scale;
    }

    public decimal ToDecimal() => (decimal)Numerator / (decimal)Denominator;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Numerator}/{Denominator}");
}
