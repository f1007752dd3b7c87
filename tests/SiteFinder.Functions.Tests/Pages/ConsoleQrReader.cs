using System.Text;

namespace SiteFinder.Functions.Tests.Pages;

/// <summary>
/// Reads back a QR code of byte mode at level M, versions 1 to 10, from its modules, written from the standard
/// (ISO/IEC 18004 tables, not the console's encoder): checks both copies of the format bits, the version bits,
/// every block's Reed-Solomon syndromes, and answers the text. A drawing the console got wrong fails here.
/// </summary>
public static class ConsoleQrReader
{
    /// <summary>Per version: error-correction codewords per block, then (blocks, data codewords) groups, level M.</summary>
    private static readonly (int Ec, (int Count, int Data)[] Groups)[] Blocks =
    [
        default,
        (10, [(1, 16)]), (16, [(1, 28)]), (26, [(1, 44)]), (18, [(2, 32)]), (24, [(2, 43)]),
        (16, [(4, 27)]), (18, [(4, 31)]), (22, [(2, 38), (2, 39)]), (22, [(3, 36), (2, 37)]), (26, [(4, 43), (1, 44)]),
    ];

    /// <summary>Alignment pattern centres per version (the standard's Annex E).</summary>
    private static readonly int[][] Alignment =
    [
        [], [], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34], [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50],
    ];

    private static readonly int[] Exp = new int[512];
    private static readonly int[] Log = new int[256];

    static ConsoleQrReader()
    {
        var x = 1;
        for (var i = 0; i < 255; i++)
        {
            Exp[i] = x;
            Log[x] = i;
            x <<= 1;
            if (x > 255)
                x ^= 0x11d;
        }

        for (var i = 255; i < 512; i++)
            Exp[i] = Exp[i - 255];
    }

    /// <summary>What a QR reader finds in <paramref name="dark"/> ([row, column], true for a dark module).</summary>
    public static (string Text, int Version, int Mask) Read(bool[,] dark)
    {
        ArgumentNullException.ThrowIfNull(dark);
        var size = dark.GetLength(0);
        var version = (size - 17) / 4;
        if (size != dark.GetLength(1) || (size - 17) % 4 != 0 || version < 1 || version > 10)
            throw new FormatException($"a {size}×{dark.GetLength(1)} matrix is not a QR code of version 1 to 10");

        var (level, mask) = FormatBits(dark, size);
        if (level != 0)
            throw new FormatException($"error-correction level bits {level}, not M (00)");
        if (version >= 7)
            CheckVersionBits(dark, size, version);

        var reserved = Reserved(size, version);
        var bits = new List<bool>();
        for (var right = size - 1; right >= 1; right -= 2)
        {
            if (right == 6)
                right = 5;
            var upward = ((size - 1 - right) / 2) % 2 == 0;
            for (var i = 0; i < size; i++)
            {
                var y = upward ? size - 1 - i : i;
                for (var x = right; x >= right - 1; x--)
                {
                    if (!reserved[y, x])
                        bits.Add(dark[y, x] ^ Masked(mask, y, x));
                }
            }
        }

        var codewords = new byte[bits.Count / 8];
        for (var i = 0; i < codewords.Length; i++)
        {
            for (var b = 0; b < 8; b++)
                codewords[i] = (byte)((codewords[i] << 1) | (bits[(i * 8) + b] ? 1 : 0));
        }

        var data = Deinterleave(version, codewords);
        return (Parse(data, version), version, mask);
    }

    private static (int Level, int Mask) FormatBits(bool[,] m, int size)
    {
        // First copy around the top-left finder, most significant bit first; second copy split over the other two.
        (int Y, int X)[] first = [(8, 0), (8, 1), (8, 2), (8, 3), (8, 4), (8, 5), (8, 7), (8, 8), (7, 8), (5, 8), (4, 8), (3, 8), (2, 8), (1, 8), (0, 8)];
        var second = new List<(int Y, int X)>();
        for (var i = 0; i < 7; i++)
            second.Add((size - 1 - i, 8));
        for (var i = 0; i < 8; i++)
            second.Add((8, size - 8 + i));
        var a = Word(m, first);
        var b = Word(m, [.. second]);
        if (a != b)
            throw new FormatException($"the two copies of the format bits differ: {a:b15} and {b:b15}");
        var unmasked = a ^ 0b101010000010010;
        var data = unmasked >> 10;
        if (Bch(data, 0b10100110111, 10) != (unmasked & 0x3ff))
            throw new FormatException($"format bits {unmasked:b15} fail their BCH check");
        if (!m[size - 8, 8])
            throw new FormatException("the dark module is light");
        return (data >> 3, data & 7);
    }

    private static void CheckVersionBits(bool[,] m, int size, int version)
    {
        // Bit i (least significant first) at row i / 3, column size - 11 + i % 3, and transposed.
        int upper = 0, lower = 0;
        for (var i = 17; i >= 0; i--)
        {
            upper = (upper << 1) | (m[i / 3, size - 11 + (i % 3)] ? 1 : 0);
            lower = (lower << 1) | (m[size - 11 + (i % 3), i / 3] ? 1 : 0);
        }

        var expected = (version << 12) | Bch(version, 0b1111100100101, 12);
        if (upper != expected || lower != expected)
            throw new FormatException($"version bits {upper:b18}/{lower:b18}, expected {expected:b18} for version {version}");
    }

    /// <summary>The remainder of value·x^degree divided by the generator: the check bits of a BCH or Golay code.</summary>
    private static int Bch(int value, int generator, int degree)
    {
        var r = value << degree;
        for (var bit = 30; bit >= degree; bit--)
        {
            if ((r >> bit & 1) == 1)
                r ^= generator << (bit - degree);
        }

        return r;
    }

    private static int Word(bool[,] m, (int Y, int X)[] cells) => cells.Aggregate(0, (w, c) => (w << 1) | (m[c.Y, c.X] ? 1 : 0));

    /// <summary>Finders with separators and format areas, timing, alignment and version areas: modules that hold no data.</summary>
    private static bool[,] Reserved(int size, int version)
    {
        var r = new bool[size, size];
        void Box(int y0, int x0, int h, int w)
        {
            for (var y = y0; y < y0 + h; y++)
            {
                for (var x = x0; x < x0 + w; x++)
                    r[y, x] = true;
            }
        }

        Box(0, 0, 9, 9);
        Box(0, size - 8, 9, 8);
        Box(size - 8, 0, 8, 9);
        Box(6, 0, 1, size);
        Box(0, 6, size, 1);
        var centres = Alignment[version];
        foreach (var cy in centres)
        {
            foreach (var cx in centres)
            {
                var overFinder = (cx == 6 && cy == 6) || (cx == 6 && cy == centres[^1]) || (cx == centres[^1] && cy == 6);
                if (!overFinder)
                    Box(cy - 2, cx - 2, 5, 5);
            }
        }

        if (version >= 7)
        {
            Box(0, size - 11, 6, 3);
            Box(size - 11, 0, 3, 6);
        }

        return r;
    }

    private static bool Masked(int mask, int y, int x) => mask switch
    {
        0 => (y + x) % 2 == 0,
        1 => y % 2 == 0,
        2 => x % 3 == 0,
        3 => (y + x) % 3 == 0,
        4 => ((y / 2) + (x / 3)) % 2 == 0,
        5 => ((y * x) % 2) + ((y * x) % 3) == 0,
        6 => (((y * x) % 2) + ((y * x) % 3)) % 2 == 0,
        _ => (((y + x) % 2) + ((y * x) % 3)) % 2 == 0,
    };

    /// <summary>The data codewords in order, after checking that every block's syndromes are zero.</summary>
    private static byte[] Deinterleave(int version, byte[] codewords)
    {
        var (ec, groups) = Blocks[version];
        var lengths = groups.SelectMany(g => Enumerable.Repeat(g.Data, g.Count)).ToArray();
        var blocks = lengths.Select(n => new byte[n + ec]).ToArray();
        var k = 0;
        for (var i = 0; i < lengths.Max(); i++)
        {
            for (var b = 0; b < blocks.Length; b++)
            {
                if (i < lengths[b])
                    blocks[b][i] = codewords[k++];
            }
        }

        for (var i = 0; i < ec; i++)
        {
            for (var b = 0; b < blocks.Length; b++)
                blocks[b][lengths[b] + i] = codewords[k++];
        }

        for (var b = 0; b < blocks.Length; b++)
        {
            for (var j = 0; j < ec; j++)
            {
                // c(α^j) by Horner's rule, the first codeword the highest power.
                var s = 0;
                foreach (var c in blocks[b])
                    s = (s == 0 ? 0 : Exp[Log[s] + j]) ^ c;
                if (s != 0)
                    throw new FormatException($"block {b}: syndrome {j} is {s}, not 0: the error-correction codewords do not match the data");
            }
        }

        return [.. blocks.Zip(lengths).SelectMany(p => p.First.Take(p.Second))];
    }

    private static string Parse(byte[] data, int version)
    {
        var position = 0;
        int Take(int n)
        {
            var v = 0;
            for (var i = 0; i < n; i++, position++)
                v = (v << 1) | ((data[position / 8] >> (7 - (position % 8))) & 1);
            return v;
        }

        var mode = Take(4);
        if (mode != 0b0100)
            throw new FormatException($"mode {mode:b4}, not byte mode (0100)");
        var count = Take(version < 10 ? 8 : 16);
        var bytes = new byte[count];
        for (var i = 0; i < count; i++)
            bytes[i] = (byte)Take(8);
        return new UTF8Encoding(false, true).GetString(bytes);
    }
}
