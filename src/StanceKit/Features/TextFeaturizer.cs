using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Text;
using StanceKit.Prediction;

namespace StanceKit.Features;

/// <summary>
/// Turns a statement into a sparse, L2-normalised vector of hashed word and character n-gram counts.
/// The one featurizer used by training, by the fast scorer and by the ML.NET reference path.
/// </summary>
/// <remarks>Immutable and thread-safe; scratch memory comes from the caller's <see cref="FeatureBuffer"/>.</remarks>
internal sealed class TextFeaturizer
{
    private const uint FnvOffset = 2166136261;
    private const uint FnvPrime = 16777619;
    private const uint WordSeed = 0x9E3779B1;
    private const uint BigramSeed = 0x85EBCA77;
    private const uint TrigramSeed = 0xC2B2AE3D;
    private const int CueSlotCount = 32;
    private const char Separator = ' ';

    // Lower-cased, accent-free form of every UTF-16 code unit; Separator for anything that is not a letter or digit.
    private static readonly char[] CharMap = BuildCharMap();

    private readonly int wordNgramLength;
    private readonly int charMin;
    private readonly int charMax;
    private readonly int mask;
    private readonly bool sublinear;
    private readonly bool cues;
    private readonly float cueWeight;
    private readonly int ngramLimit;
    private readonly float[]? idf;

    /// <summary>Creates the featurizer of <paramref name="options"/>.</summary>
    /// <param name="options">The options.</param>
    /// <param name="inverseDocumentFrequency">The IDF weight of every slot, required exactly when
    /// <see cref="FeaturizerOptions.InverseDocumentFrequency"/> is set (see <see cref="ComputeInverseDocumentFrequency"/>).</param>
    public TextFeaturizer(FeaturizerOptions options, float[]? inverseDocumentFrequency = null)
    {
        options.Validate();
        if (options.InverseDocumentFrequency != inverseDocumentFrequency is not null
            || (inverseDocumentFrequency is not null && inverseDocumentFrequency.Length != options.Dimension))
        {
            throw new ArgumentException(
                $"FeaturizerOptions.InverseDocumentFrequency is {options.InverseDocumentFrequency}; the featurizer needs an IDF table of {options.Dimension} weights exactly when it is set.",
                nameof(inverseDocumentFrequency));
        }

        idf = inverseDocumentFrequency;
        Options = options;
        wordNgramLength = options.WordNgramLength;
        charMin = options.CharNgramMinLength;
        charMax = options.CharNgramMaxLength;
        mask = options.Dimension - 1;
        sublinear = options.SublinearTermFrequency;
        cueWeight = options.StanceCueWeight;
        cues = cueWeight > 0;

        // With cues on, the last CueSlotCount slots belong to the cue features and n-grams fold into the rest,
        // so that Normalize can weight the cues by their slot alone.
        ngramLimit = cues ? mask + 1 - CueSlotCount : mask + 1;
    }

    /// <summary>Gets the IDF weight of every slot, or null when the options do not use IDF.</summary>
    internal float[]? InverseDocumentFrequency => idf;

    /// <summary>
    /// Learns the IDF table of <paramref name="options"/> from a corpus: ln((1 + N) / (1 + df)) + 1 for an n-gram slot that
    /// df of the N statements contain, 0 for a slot none contains, 1 for the cue slots (weighted by StanceCueWeight instead).
    /// </summary>
    internal static float[] ComputeInverseDocumentFrequency(FeaturizerOptions options, IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        var counter = new TextFeaturizer(options with { InverseDocumentFrequency = false });
        var buffer = new FeatureBuffer();
        var documentFrequency = new int[options.Dimension];
        var lastDocument = new int[options.Dimension];
        for (var d = 0; d < texts.Count; d++)
        {
            if (d % 256 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var count = counter.CollectNgrams(texts[d], buffer);
            foreach (var slot in buffer.Raw.AsSpan(0, count))
            {
                // lastDocument holds d + 1 once slot was counted for document d.
                if (lastDocument[slot] != d + 1)
                {
                    lastDocument[slot] = d + 1;
                    documentFrequency[slot]++;
                }
            }
        }

        var table = new float[options.Dimension];
        for (var slot = 0; slot < table.Length; slot++)
        {
            table[slot] = slot >= counter.CueBase ? 1f
                : documentFrequency[slot] == 0 ? 0f
                : (float)(Math.Log((1.0 + texts.Count) / (1.0 + documentFrequency[slot])) + 1);
        }

        return table;
    }

    /// <summary>Gets the first slot of the cue features (cue id i is at CueBase + i).</summary>
    internal int CueBase => ngramLimit;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Slot(uint hash)
    {
        var slot = (int)(hash & (uint)mask);
        return slot < ngramLimit ? slot : slot - CueSlotCount;
    }

    /// <summary>The name of cue feature <paramref name="id"/>, for example <c>cue:endorse</c> or <c>cue:not-endorse</c>.</summary>
    internal static string CueName(int id) => id switch
    {
        <= StanceCues.Categories => "cue:" + StanceCues.Names[id],
        < 10 => "cue:not-" + StanceCues.Names[id - StanceCues.Categories],
        < 14 => "cue:but-" + StanceCues.Names[id - 9],
        14 => "cue:contrast",
        _ => "cue:final-" + StanceCues.Names[id - 14],
    };

    // The final-sentence twin of a plain or after-contrast cue (ids 15-18), or 0: the last sentence often carries the main thrust.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int FinalCueId(int id) => id is >= 1 and <= 4 ? 14 + id : id is >= 10 and <= 13 ? 5 + id : 0;

    // Where the last sentence starts: just after the last sentence end that has a word after it (0 for a single sentence).
    private static int FinalSentenceStart(ReadOnlySpan<char> text)
    {
        var seenWord = false;
        for (var i = text.Length - 1; i >= 0; i--)
        {
            if (CharMap[text[i]] != Separator)
            {
                seenWord = true;
            }
            else if (seenWord && IsSentenceEnd(text[i]))
            {
                return i + 1;
            }
        }

        return 0;
    }

    // The cue feature of a token of the given cue category, or 0, given and updating the negation scope (the next three words) and whether a contrast
    // word ("but", "mais", "lakini") came earlier in the sentence: cues after a contrast carry the main thrust and get ids of their own.
    // Ids: 1-5 plain cues (5 = negation), 6-9 negated cues, 10-13 cues after a contrast, 14 = the contrast word,
    // 15-18 cues of the final sentence (emitted in addition, see FinalCueId).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int CueId(byte category, ref int negationScope, ref bool afterContrast)
    {
        if (category == StanceCues.Negation)
        {
            negationScope = 3;
            return StanceCues.Negation;
        }

        if (category == StanceCues.Contrast)
        {
            afterContrast = true;
            negationScope = 0;
            return 14;
        }

        var id = category == StanceCues.None ? 0
            : negationScope > 0 && category != StanceCues.Condition ? category + StanceCues.Categories
            : afterContrast ? category + 9
            : category;
        if (negationScope > 0)
        {
            negationScope--;
        }

        return id;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsSentenceEnd(char c) => c is '.' or '!' or '?' or ';' or '\n';

    public FeaturizerOptions Options { get; }

    public int Dimension => mask + 1;

    /// <summary>
    /// Computes the features of <paramref name="text"/> into <paramref name="buffer"/>: distinct indices, in order of first
    /// occurrence, and their L2-normalised values. Returns the number of features (0 when the text has no words).
    /// </summary>
    /// <remarks>
    /// One pass over the text maps each character, hashes each word, walks the cue trie and lays the words out for the
    /// char n-grams, which are then hashed all at once (<see cref="HashWindows"/>). <see cref="Describe"/> is the slow,
    /// obvious statement of the same features, and a test holds the two equal over the whole corpus.
    /// </remarks>
    public int Featurize(ReadOnlySpan<char> text, FeatureBuffer buffer)
    {
        var count = CollectNgrams(text, buffer);
        return count == 0 ? 0 : Normalize(buffer.Raw.AsSpan(0, count), buffer);
    }

    /// <summary>
    /// Featurizes <paramref name="text"/> and scores it with <paramref name="rows"/> (from <see cref="CreateScoringRows"/>)
    /// in one go: softmax(W·x + b), where x is what <see cref="Featurize"/> gives, without writing x out. Returns false when
    /// the text has no words the model knows.
    /// </summary>
    /// <remarks>
    /// The hot path of <see cref="StanceClassifier.Predict(ReadOnlySpan{char})"/>. By linearity W·(v/|v|) = (W·v)/|v|, so
    /// the raw weighted counts are summed and scaled once at the end; the slots that occur once (most of them) add their
    /// row straight away, and only repeated ones go through the merge table. Equal to a dot product over what Featurize
    /// gives, up to float rounding: a test compares it with ML.NET's PredictionEngine over the same model on the whole corpus.
    /// </remarks>
    internal bool TryScore(ReadOnlySpan<char> text, FeatureBuffer buffer, ScoringRows rows, out StanceScores scores)
    {
        var count = CollectNgrams(text, buffer);
        if (count == 0)
        {
            scores = default;
            return false;
        }

        var raw = buffer.Raw.AsSpan(0, count);
        var repeated = MarkRepeated(raw, buffer);
        var row = rows.Rows;
        var sum = Vector128<float>.Zero;
        var indices = buffer.EnsureIndices(count);
        var values = buffer.EnsureValues(count);
        var table = buffer.EnsureTable(count, out var tableMask);
        var distinct = 0;
        var merged = 0;
        for (var r = 0; r < raw.Length; r++)
        {
            var index = raw[r];
            if ((repeated[(index >> 6) & (FeatureBuffer.FilterWords - 1)] & (1UL << index)) != 0)
            {
                raw[merged++] = index;
                Merge(index, table, tableMask, indices, values, ref distinct);
                continue;
            }

            // Seen once: its value is the slot's own weight g, and its row already holds (W·g, g²).
            sum += row[index];
        }

        for (var j = 0; j < distinct; j++)
        {
            var t = TermFrequency(values[j]);
            sum += row[indices[j]] * Vector128.Create(t, t, t, t * t);
        }

        buffer.ClearFilters(raw[..merged], tableMask);
        var sumOfSquares = sum.GetElement(3);
        if (sumOfSquares <= 0)
        {
            // Only n-grams no training statement had (IDF weight 0): nothing the model knows.
            scores = default;
            return false;
        }

        var scale = 1f / MathF.Sqrt(sumOfSquares);
        scores = rows.Weights.Finish(sum.GetElement(0) * scale, sum.GetElement(1) * scale, sum.GetElement(2) * scale);
        return true;
    }

    /// <summary>Lays a linear model out for <see cref="TryScore"/> (see <see cref="ScoringRows"/>).</summary>
    /// <param name="weights">The model's weights, three per slot.</param>
    /// <returns>One row per slot.</returns>
    internal ScoringRows CreateScoringRows(LinearWeights weights)
    {
        var w = weights.Raw;
        var rows = new Vector128<float>[mask + 1];
        for (var slot = 0; slot < rows.Length; slot++)
        {
            var g = SlotWeight(slot);
            rows[slot] = Vector128.Create(w[slot * 3] * g, w[(slot * 3) + 1] * g, w[(slot * 3) + 2] * g, g * g);
        }

        return new ScoringRows(rows, weights);
    }

    // Collects the raw n-gram slots of text into buffer.Raw (repeats included) and returns how many.
    private int CollectNgrams(ReadOnlySpan<char> text, FeatureBuffer buffer)
    {
        if (text.Length > Options.MaximumCharacters)
        {
            text = text[..Options.MaximumCharacters];
        }

        // Upper bound on raw n-grams: per word, wordNgramLength word n-grams and at most 3 + (len + 2) per char length.
        var capacity = (text.Length * (wordNgramLength + 3 + (charMax == 0 ? 0 : (charMax - charMin + 1) * 3))) + 16;
        var raw = buffer.EnsureRaw(capacity);
        var count = 0;

        // The words as '<' + word + '>' back to back, for the char n-grams.
        var padded = buffer.EnsurePadded((text.Length * 3) + 2 + Vector256<uint>.Count);
        var paddedLength = 0;

        // Cues whose final-sentence twin is due if their word turns out to be in the last sentence: (word << 5) | twin id.
        var pendingFinals = buffer.EnsurePendingFinals(text.Length + 1);
        var pendingCount = 0;
        var finalSentenceWord = 0;
        var sentenceEnded = false;

        var map = CharMap;
        uint previous1 = 0, previous2 = 0;
        var words = 0;
        var negationScope = 0;
        var afterContrast = false;
        var position = 0;
        var length = text.Length;
        while (position < length)
        {
            var c = map[text[position]];
            if (c == Separator)
            {
                if (IsSentenceEnd(text[position]))
                {
                    afterContrast = false;
                    negationScope = 0;
                    sentenceEnded = true;
                }

                position++;
                continue;
            }

            if (sentenceEnded)
            {
                finalSentenceWord = words;
                sentenceEnded = false;
            }

            // The word: its FNV-1a hash, its place in the padded stream and its walk down the cue trie, in one loop.
            var hash = FnvOffset ^ WordSeed;
            var cueWalk = StanceCues.StartWalk();
            padded[paddedLength++] = '<';
            do
            {
                hash = (hash ^ c) * FnvPrime;
                padded[paddedLength++] = c;
                if (cues)
                {
                    cueWalk.Step(c);
                }

                position++;
            }
            while (position < length && (c = map[text[position]]) != Separator);
            padded[paddedLength++] = '>';

            var wordHash = Finalize(hash);
            raw[count++] = Slot(wordHash);
            if (wordNgramLength >= 2 && words >= 1)
            {
                raw[count++] = Slot(Mix(Mix(BigramSeed, previous1), wordHash));
            }

            if (wordNgramLength >= 3 && words >= 2)
            {
                raw[count++] = Slot(Mix(Mix(Mix(TrigramSeed, previous2), previous1), wordHash));
            }

            if (cues && CueId(cueWalk.Category, ref negationScope, ref afterContrast) is var cue and > 0)
            {
                raw[count++] = ngramLimit + cue;
                if (FinalCueId(cue) is var final and > 0)
                {
                    pendingFinals[pendingCount++] = (words << 5) | final;
                }
            }

            previous2 = previous1;
            previous1 = wordHash;
            words++;
        }

        for (var i = 0; i < pendingCount; i++)
        {
            if (pendingFinals[i] >> 5 >= finalSentenceWord)
            {
                raw[count++] = ngramLimit + (pendingFinals[i] & 31);
            }
        }

        if (charMax > 0 && words > 0)
        {
            count = AddCharNgrams(padded, paddedLength, raw, count);
        }

        return count;
    }

    /// <summary>
    /// Lists every n-gram of <paramref name="text"/> with its slot, for explanations. Slow (allocates strings);
    /// uses the same hashing as <see cref="Featurize"/>, which a test checks.
    /// </summary>
    public List<(int Slot, string Ngram, string Kind)> Describe(string text)
    {
        var result = new List<(int, string, string)>();
        if (text.Length > Options.MaximumCharacters)
        {
            text = text[..Options.MaximumCharacters];
        }

        // Words, and whether a sentence ended just before each one (as Featurize sees it).
        var words = new List<string>();
        var wordStarts = new List<int>();
        var sentenceStarts = new List<bool>();
        var finalStart = FinalSentenceStart(text);
        var index = -1;
        var current = new System.Text.StringBuilder();
        var sentenceEnded = false;
        foreach (var c in text)
        {
            index++;
            var m = CharMap[c];
            if (m != Separator)
            {
                if (current.Length == 0)
                {
                    wordStarts.Add(index);
                }

                current.Append(m);
                continue;
            }

            if (current.Length > 0)
            {
                words.Add(current.ToString());
                sentenceStarts.Add(sentenceEnded);
                sentenceEnded = false;
                current.Clear();
            }

            sentenceEnded |= IsSentenceEnd(c);
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
            sentenceStarts.Add(sentenceEnded);
        }

        var hashes = words.Select(w => Hash(w, WordSeed)).ToArray();
        var negationScope = 0;
        var afterContrast = false;
        for (var i = 0; i < words.Count; i++)
        {
            if (sentenceStarts[i])
            {
                afterContrast = false;
                negationScope = 0;
            }

            if (cues && CueId(StanceCues.Classify(words[i]), ref negationScope, ref afterContrast) is var cue and > 0)
            {
                result.Add((ngramLimit + cue, CueName(cue), "cue"));
                if (wordStarts[i] >= finalStart && FinalCueId(cue) is var final and > 0)
                {
                    result.Add((ngramLimit + final, CueName(final), "cue"));
                }
            }

            result.Add((Slot(hashes[i]), words[i], "word"));
            if (wordNgramLength >= 2 && i >= 1)
            {
                result.Add((Slot(Mix(Mix(BigramSeed, hashes[i - 1]), hashes[i])), words[i - 1] + " " + words[i], "word pair"));
            }

            if (wordNgramLength >= 3 && i >= 2)
            {
                result.Add((Slot(Mix(Mix(Mix(TrigramSeed, hashes[i - 2]), hashes[i - 1]), hashes[i])), words[i - 2] + " " + words[i - 1] + " " + words[i], "word triple"));
            }

            if (charMax > 0)
            {
                var padded = "<" + words[i] + ">";
                for (var n = charMin; n <= charMax && n <= padded.Length; n++)
                {
                    for (var begin = 0; begin + n <= padded.Length; begin++)
                    {
                        var gram = padded.Substring(begin, n);
                        var hash = FnvOffset ^ ((uint)n * 0x27D4EB2Fu);
                        foreach (var c in gram)
                        {
                            hash = (hash ^ c) * FnvPrime;
                        }

                        result.Add((Slot(Finalize(hash)), gram, "chars"));
                    }
                }
            }
        }

        return result;
    }

    // Appends the char n-grams of every word. padded holds the words as '<' + word + '>' back to back; the n-gram hash
    // is computed at every position of that stream and only the windows inside one word are kept.
    private int AddCharNgrams(uint[] padded, int paddedLength, int[] raw, int count)
    {
        for (var n = charMin; n <= charMax && n <= paddedLength; n++)
        {
            count += HashWindows(padded, paddedLength - n + 1, n, mask, ngramLimit, raw.AsSpan(count), Avx2.IsSupported);
        }

        return count;
    }

    /// <summary>
    /// Writes, in order, the slot of every n-character window among the first <paramref name="positions"/> positions of
    /// <paramref name="chars"/> that lies inside one word (no '&gt;' before its last character) and returns how many:
    /// FNV-1a over the window (seeded by n), the MurmurHash3 finaliser, the mask and the cue fold of <see cref="Slot"/>.
    /// With <paramref name="vectorize"/> (AVX2), eight windows at a time, the kept ones left-packed by a permutation; both
    /// ways give the same slots (a test checks). Reads up to 7 positions past the last window and writes up to 8 slots
    /// past the ones it returns: the buffers have that slack.
    /// </summary>
    internal static int HashWindows(ReadOnlySpan<uint> chars, int positions, int n, int mask, int ngramLimit, Span<int> output, bool vectorize)
    {
        var seed = FnvOffset ^ ((uint)n * 0x27D4EB2Fu);
        var written = 0;
        if (vectorize)
        {
            ref var source = ref MemoryMarshal.GetReference(chars);
            ref var target = ref MemoryMarshal.GetReference(output);
            var prime = Vector256.Create(FnvPrime);
            var masks = Vector256.Create((uint)mask);
            var limit = Vector256.Create(ngramLimit);
            var fold = Vector256.Create(CueSlotCount);
            var wordEnd = Vector256.Create((uint)'>');
            var lanes = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
            var end = Vector256.Create(positions);
            var m1 = Vector256.Create(0x85EBCA6Bu);
            var m2 = Vector256.Create(0xC2B2AE35u);
            var pack = LeftPack;
            for (var p = 0; p < positions; p += Vector256<uint>.Count)
            {
                var hash = Vector256.Create(seed);
                var crossing = Vector256<uint>.Zero;
                for (var k = 0; k < n - 1; k++)
                {
                    var c = Vector256.LoadUnsafe(ref source, (nuint)(p + k));
                    hash = (hash ^ c) * prime;
                    crossing |= Vector256.Equals(c, wordEnd);
                }

                hash = (hash ^ Vector256.LoadUnsafe(ref source, (nuint)(p + n - 1))) * prime;
                hash ^= Vector256.ShiftRightLogical(hash, 16);
                hash *= m1;
                hash ^= Vector256.ShiftRightLogical(hash, 13);
                hash *= m2;
                hash ^= Vector256.ShiftRightLogical(hash, 16);
                var slot = (hash & masks).AsInt32();
                slot = Vector256.ConditionalSelect(Vector256.LessThan(slot, limit), slot, slot - fold);
                var keep = Vector256.AndNot(Vector256.LessThan(lanes + Vector256.Create(p), end), crossing.AsInt32());
                var bits = keep.ExtractMostSignificantBits();
                Avx2.PermuteVar8x32(slot, pack[(int)bits]).StoreUnsafe(ref target, (nuint)written);
                written += BitOperations.PopCount(bits);
            }

            return written;
        }

        for (var p = 0; p < positions; p++)
        {
            var hash = seed;
            var crossing = false;
            for (var k = 0; k < n; k++)
            {
                crossing |= k < n - 1 && chars[p + k] == '>';
                hash = (hash ^ chars[p + k]) * FnvPrime;
            }

            if (!crossing)
            {
                var slot = (int)(Finalize(hash) & (uint)mask);
                output[written++] = slot < ngramLimit ? slot : slot - CueSlotCount;
            }
        }

        return written;
    }

    // For each 8-bit mask of lanes to keep, the permutation that moves those lanes, in order, to the front.
    private static readonly Vector256<int>[] LeftPack = BuildLeftPack();

    private static Vector256<int>[] BuildLeftPack()
    {
        var table = new Vector256<int>[256];
        Span<int> order = stackalloc int[8];
        for (var bits = 0; bits < 256; bits++)
        {
            order.Clear();
            var next = 0;
            for (var lane = 0; lane < 8; lane++)
            {
                if ((bits & (1 << lane)) != 0)
                {
                    order[next++] = lane;
                }
            }

            table[bits] = Vector256.Create<int>(order);
        }

        return table;
    }

    // Merges repeated slots, then applies sublinear TF, the cue weight and the L2 norm. Slots come out in order of first
    // occurrence (the scorer does not need order, and a sort was the largest cost of a short statement; MlNetBridge.ToRow
    // sorts them for ML.NET). Most slots occur once and skip the open-addressing merge table (see MarkRepeated).
    private int Normalize(Span<int> raw, FeatureBuffer buffer)
    {
        var indices = buffer.EnsureIndices(raw.Length);
        var values = buffer.EnsureValues(raw.Length);
        var repeated = MarkRepeated(raw, buffer);
        var table = buffer.EnsureTable(raw.Length, out var tableMask);
        var distinct = 0;
        var merged = 0;
        for (var r = 0; r < raw.Length; r++)
        {
            var index = raw[r];
            if ((repeated[(index >> 6) & (FeatureBuffer.FilterWords - 1)] & (1UL << index)) == 0)
            {
                indices[distinct] = index;
                values[distinct] = 1;
                distinct++;
            }
            else
            {
                // Kept for clearing the table afterwards, in the part of raw already read.
                raw[merged++] = index;
                Merge(index, table, tableMask, indices, values, ref distinct);
            }
        }

        buffer.ClearFilters(raw[..merged], tableMask);
        double sumOfSquares = 0;
        var kept = 0;
        for (var j = 0; j < distinct; j++)
        {
            var value = Weigh(indices[j], values[j]);
            if (value == 0)
            {
                continue; // an n-gram with IDF weight 0 (never seen in training) is not a feature
            }

            indices[kept] = indices[j];
            values[kept] = value;
            kept++;
            sumOfSquares += (double)value * value;
        }

        var scale = (float)(1.0 / Math.Sqrt(sumOfSquares));
        for (var j = 0; j < kept; j++)
        {
            values[j] *= scale;
        }

        return kept;
    }

    // A first pass over 8,192 bits (slot mod 8,192) marks the bits seen twice; a slot whose bit is not marked occurs once.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong[] MarkRepeated(ReadOnlySpan<int> raw, FeatureBuffer buffer)
    {
        var seen = buffer.Seen;
        var repeated = buffer.Repeated;
        foreach (var index in raw)
        {
            var word = (index >> 6) & (FeatureBuffer.FilterWords - 1);
            var bit = 1UL << index;
            repeated[word] |= seen[word] & bit;
            seen[word] |= bit;
        }

        return repeated;
    }

    // Counts one more occurrence of index in the merge table (cells hold position in indices + 1; 0 is empty).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Merge(int index, int[] table, int tableMask, int[] indices, float[] values, ref int distinct)
    {
        var cell = (int)(((uint)index * 0x9E3779B1u) >> 7) & tableMask;
        while (true)
        {
            var entry = table[cell];
            if (entry == 0)
            {
                table[cell] = distinct + 1;
                indices[distinct] = index;
                values[distinct] = 1;
                distinct++;
                return;
            }

            if (indices[entry - 1] == index)
            {
                values[entry - 1] += 1;
                return;
            }

            cell = (cell + 1) & tableMask;
        }
    }

    // The value of a slot seen count times, before the norm: its term frequency times its fixed weight.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private float Weigh(int index, float count) => TermFrequency(count) * SlotWeight(index);

    // Sublinear (1 + ln count) or raw, as the options say.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private float TermFrequency(float count) => !sublinear || count == 1 ? count : 1f + MathF.Log(count);

    // The fixed weight of a slot: the cue weight for a cue slot, else its IDF weight when the options use IDF, else 1.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private float SlotWeight(int index) => index >= ngramLimit ? cueWeight : idf is null ? 1f : idf[index];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Hash(ReadOnlySpan<char> word, uint seed)
    {
        var hash = FnvOffset ^ seed;
        foreach (var c in word)
        {
            hash = (hash ^ c) * FnvPrime;
        }

        return Finalize(hash);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Mix(uint a, uint b) => Finalize((a * 31) ^ (b + 0x9E3779B9 + (a << 6) + (a >> 2)));

    // A final avalanche (from MurmurHash3) so that the low bits used as the slot depend on every input bit.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Finalize(uint hash)
    {
        hash ^= hash >> 16;
        hash *= 0x85EBCA6B;
        hash ^= hash >> 13;
        hash *= 0xC2B2AE35;
        hash ^= hash >> 16;
        return hash;
    }

    private static char[] BuildCharMap()
    {
        var map = new char[char.MaxValue + 1];
        Span<char> one = stackalloc char[1];
        for (var i = 0; i <= char.MaxValue; i++)
        {
            var c = (char)i;
            if (char.IsSurrogate(c) || !char.IsLetterOrDigit(c))
            {
                map[i] = Separator;
                continue;
            }

            if (char.IsDigit(c))
            {
                map[i] = '0';
                continue;
            }

            var lower = char.ToLowerInvariant(c);
            if (lower < 0x250 || (lower >= 0x1E00 && lower < 0x1F00))
            {
                // Latin letters: drop combining accents (é -> e, ç -> c).
                var decomposed = lower.ToString().Normalize(NormalizationForm.FormD);
                var baseChar = decomposed[0];
                map[i] = char.IsLetter(baseChar) && CharUnicodeInfo.GetUnicodeCategory(baseChar) != UnicodeCategory.NonSpacingMark ? baseChar : lower;
            }
            else
            {
                map[i] = lower;
            }
        }

        return map;
    }
}

/// <summary>Reusable scratch memory for <see cref="TextFeaturizer"/>; one per thread, never shared.</summary>
internal sealed class FeatureBuffer
{
    private int[] raw = new int[8192];
    private int[] indices = new int[4096];
    private float[] values = new float[4096];

    [ThreadStatic]
    private static FeatureBuffer? perThread;

    /// <summary>Gets the calling thread's buffer.</summary>
    public static FeatureBuffer ForCurrentThread => perThread ??= new FeatureBuffer();

    public int[] Indices => indices;

    public float[] Values => values;

    public int[] Raw => raw;

    public int[] EnsureRaw(int length) => Ensure(ref raw, length);

    public int[] EnsureIndices(int length) => Ensure(ref indices, length);

    public float[] EnsureValues(int length) => Ensure(ref values, length);

    private uint[] padded = new uint[2048];
    private int[] pendingFinals = new int[512];

    public uint[] EnsurePadded(int length) => Ensure(ref padded, length);

    public int[] EnsurePendingFinals(int length) => Ensure(ref pendingFinals, length);


    /// <summary>The size, in 64-bit words, of the bit sets Normalize uses to find slots that occur more than once.</summary>
    public const int FilterWords = 128;

    /// <summary>Gets the first-occurrence bit set (all zero between calls).</summary>
    public ulong[] Seen { get; } = new ulong[FilterWords];

    /// <summary>Gets the second-occurrence bit set (all zero between calls).</summary>
    public ulong[] Repeated { get; } = new ulong[FilterWords];

    private int[] table = new int[1024];

    /// <summary>Gets an all-zero merge table with at least twice <paramref name="entries"/> cells (a power of two).</summary>
    public int[] EnsureTable(int entries, out int mask)
    {
        var size = table.Length;
        while (size < entries * 2)
        {
            size *= 2;
        }

        if (size != table.Length)
        {
            table = new int[size];
        }

        mask = size - 1;
        return table;
    }

    /// <summary>Empties the bit sets and the merge-table cells the given (merged) slots used, for the next call.</summary>
    public void ClearFilters(ReadOnlySpan<int> mergedSlots, int mask)
    {
        Array.Clear(Seen);
        Array.Clear(Repeated);
        ClearTable(mergedSlots, mask);
    }

    /// <summary>Empties the cells the given slots used, leaving the table all zero for the next call.</summary>
    private void ClearTable(ReadOnlySpan<int> slots, int mask)
    {
        foreach (var index in slots)
        {
            var cell = (int)(((uint)index * 0x9E3779B1u) >> 7) & mask;
            while (table[cell] != 0)
            {
                table[cell] = 0;
                cell = (cell + 1) & mask;
            }
        }
    }

    private static T[] Ensure<T>(ref T[] array, int length)
    {
        if (array.Length < length)
        {
            array = new T[Math.Max(length, array.Length * 2)];
        }

        return array;
    }
}

/// <summary>
/// A linear model laid out for <see cref="TextFeaturizer.TryScore"/>: per slot one 16-byte row (w_supportive·g,
/// w_sceptical·g, w_opposed·g, g²), g being the slot's fixed weight (its IDF, 1 without IDF, or the stance-cue weight).
/// A slot seen once in a statement, most of them, then costs one aligned read and one vector add, whatever the options;
/// a slot seen t times adds the row times (t, t, t, t²) after sublinear scaling. Read-only once built.
/// </summary>
internal sealed record ScoringRows(Vector128<float>[] Rows, LinearWeights Weights);
