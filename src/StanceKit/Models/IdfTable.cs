using System.Buffers.Binary;

namespace StanceKit.Models;

/// <summary>The binary form of a featurizer's IDF table in a model file: magic, dimension, then one float per slot.</summary>
internal static class IdfTable
{
    private const uint Magic = 0x49544B53; // "SKTI"

    public static byte[] ToBytes(float[] idf)
    {
        var bytes = new byte[8 + (idf.Length * 4)];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), idf.Length);
        for (var i = 0; i < idf.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(8 + (i * 4)), idf[i]);
        }

        return bytes;
    }

    /// <summary>Reads <see cref="ToBytes"/>'s format, checking the length and every weight (finite, not negative); returns an error message instead of throwing.</summary>
    public static float[]? FromBytes(ReadOnlySpan<byte> bytes, int expectedDimension, out string? error)
    {
        error = null;
        if (bytes.Length < 8 || BinaryPrimitives.ReadUInt32LittleEndian(bytes) != Magic)
        {
            error = "the IDF entry has no valid header";
            return null;
        }

        var dimension = BinaryPrimitives.ReadInt32LittleEndian(bytes[4..]);
        if (dimension != expectedDimension || bytes.Length != 8 + ((long)dimension * 4))
        {
            error = $"the IDF entry is inconsistent (dimension {dimension}, expected {expectedDimension}; {bytes.Length} bytes)";
            return null;
        }

        var idf = new float[dimension];
        for (var i = 0; i < dimension; i++)
        {
            var value = BinaryPrimitives.ReadSingleLittleEndian(bytes[(8 + (i * 4))..]);
            if (!float.IsFinite(value) || value < 0)
            {
                error = $"the IDF entry holds an invalid weight ({value}) at slot {i}";
                return null;
            }

            idf[i] = value;
        }

        return idf;
    }
}
