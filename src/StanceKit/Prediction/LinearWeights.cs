using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace StanceKit.Prediction;

/// <summary>
/// The weights and biases of a multiclass linear model, three class weights per feature slot side by side: what the model
/// file stores, what Explain reads, and what TextFeaturizer.CreateScoringRows lays out again (with each slot's fixed
/// weight folded in) for the fast scorer.
/// </summary>
/// <remarks>Immutable after construction; safe to share between threads.</remarks>
internal sealed class LinearWeights
{
    private const uint Magic = 0x574B5453; // "STKW"
    private const int Classes = StanceLabels.Count;
    private readonly float[] weights;
    private readonly float[] biases;

    public LinearWeights(int dimension, float[] weights, float[] biases)
    {
        if (weights.Length != dimension * Classes || biases.Length != Classes)
        {
            throw new ArgumentException($"Expected {dimension * Classes} weights and {Classes} biases, got {weights.Length} and {biases.Length}.");
        }

        Dimension = dimension;
        this.weights = weights;
        this.biases = biases;
    }

    public int Dimension { get; }

    /// <summary>Gets the weights, three per slot (supportive, sceptical, opposed), for TextFeaturizer.CreateScoringRows.</summary>
    internal ReadOnlySpan<float> Raw => weights;

    /// <summary>Adds the biases to W·x and applies the softmax.</summary>
    internal StanceScores Finish(float s0, float s1, float s2) => Softmax(biases[0] + s0, biases[1] + s1, biases[2] + s2);

    public float Weight(int feature, Stance stance) => weights[(feature * Classes) + (int)stance];

    private static StanceScores Softmax(float s0, float s1, float s2)
    {
        var max = MathF.Max(s0, MathF.Max(s1, s2));
        var e0 = MathF.Exp(s0 - max);
        var e1 = MathF.Exp(s1 - max);
        var e2 = MathF.Exp(s2 - max);
        var sum = e0 + e1 + e2;
        return new StanceScores(e0 / sum, e1 / sum, e2 / sum);
    }

    /// <summary>Writes the weights as a little-endian binary blob: magic, dimension, classes, biases, then non-zero (slot, w0, w1, w2) records.</summary>
    public byte[] ToBytes()
    {
        var nonZero = 0;
        for (var f = 0; f < Dimension; f++)
        {
            if (weights[f * Classes] != 0 || weights[(f * Classes) + 1] != 0 || weights[(f * Classes) + 2] != 0)
            {
                nonZero++;
            }
        }

        var bytes = new byte[16 + (Classes * 4) + (nonZero * 16)];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], Dimension);
        BinaryPrimitives.WriteInt32LittleEndian(span[8..], Classes);
        BinaryPrimitives.WriteInt32LittleEndian(span[12..], nonZero);
        var position = 16;
        foreach (var b in biases)
        {
            BinaryPrimitives.WriteSingleLittleEndian(span[position..], b);
            position += 4;
        }

        for (var f = 0; f < Dimension; f++)
        {
            var o = f * Classes;
            if (weights[o] == 0 && weights[o + 1] == 0 && weights[o + 2] == 0)
            {
                continue;
            }

            BinaryPrimitives.WriteInt32LittleEndian(span[position..], f);
            BinaryPrimitives.WriteSingleLittleEndian(span[(position + 4)..], weights[o]);
            BinaryPrimitives.WriteSingleLittleEndian(span[(position + 8)..], weights[o + 1]);
            BinaryPrimitives.WriteSingleLittleEndian(span[(position + 12)..], weights[o + 2]);
            position += 16;
        }

        return bytes;
    }

    /// <summary>Reads <see cref="ToBytes"/>'s format, checking every length and index; returns an error message instead of throwing.</summary>
    public static LinearWeights? FromBytes(ReadOnlySpan<byte> bytes, int expectedDimension, out string? error)
    {
        error = null;
        if (bytes.Length < 16 + (Classes * 4) || BinaryPrimitives.ReadUInt32LittleEndian(bytes) != Magic)
        {
            error = "the weights entry has no valid header";
            return null;
        }

        var dimension = BinaryPrimitives.ReadInt32LittleEndian(bytes[4..]);
        var classes = BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]);
        var nonZero = BinaryPrimitives.ReadInt32LittleEndian(bytes[12..]);
        if (dimension != expectedDimension || classes != Classes || nonZero < 0 || nonZero > dimension
            || bytes.Length != 16 + (Classes * 4) + ((long)nonZero * 16))
        {
            error = $"the weights entry is inconsistent (dimension {dimension}, expected {expectedDimension}; classes {classes}; {nonZero} records in {bytes.Length} bytes)";
            return null;
        }

        var biases = new float[Classes];
        var position = 16;
        for (var c = 0; c < Classes; c++)
        {
            biases[c] = BinaryPrimitives.ReadSingleLittleEndian(bytes[position..]);
            position += 4;
        }

        var weights = new float[dimension * Classes];
        for (var r = 0; r < nonZero; r++)
        {
            var f = BinaryPrimitives.ReadInt32LittleEndian(bytes[position..]);
            if (f < 0 || f >= dimension)
            {
                error = $"the weights entry holds feature slot {f}, outside 0..{dimension - 1}";
                return null;
            }

            for (var c = 0; c < Classes; c++)
            {
                var value = BinaryPrimitives.ReadSingleLittleEndian(bytes[(position + 4 + (c * 4))..]);
                if (!float.IsFinite(value))
                {
                    error = $"the weights entry holds a non-finite weight at slot {f}";
                    return null;
                }

                weights[(f * Classes) + c] = value;
            }

            position += 16;
        }

        if (biases.Any(b => !float.IsFinite(b)))
        {
            error = "the weights entry holds a non-finite bias";
            return null;
        }

        return new LinearWeights(dimension, weights, biases);
    }
}
