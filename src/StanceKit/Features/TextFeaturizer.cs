using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

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

    public TextFeaturizer(FeaturizerOptions options)
    {
        options.Validate();
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
        if (text.Length > Options.MaximumCharacters)
        {
            text = text[..Options.MaximumCharacters];
        }

        // Upper bound on raw n-grams: per word, wordNgramLength word n-grams and at most 3 + (len + 2) per char length.
        var capacity = (text.Length * (wordNgramLength + 3 + (charMax == 0 ? 0 : (charMax - charMin + 1) * 3))) + 16;
        var raw = buffer.EnsureRaw(capacity);
        var count = 0;

        // The words as '<' + word + '>' back to back, for the char n-grams, and where each starts.
        var padded = buffer.EnsurePadded((text.Length * 3) + 2 + Vector256<uint>.Count);
        var wordStarts = buffer.EnsureWordStarts(text.Length + 2);
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
            wordStarts[words] = paddedLength;
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
            wordStarts[words] = paddedLength;
            count = AddCharNgrams(padded, paddedLength, wordStarts.AsSpan(0, words + 1), raw, count, buffer);
        }

        if (count == 0)
        {
            return 0;
        }

        return Normalize(raw.AsSpan(0, count), buffer);
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

    // Appends the char n-grams of every word. padded holds the words as '<' + word + '>' back to back (word i occupies
    // wordStarts[i] .. wordStarts[i + 1] - 1); the n-gram hash is computed at every position of that stream, and each word
    // keeps the positions whose window lies inside it.
    private int AddCharNgrams(uint[] padded, int paddedLength, ReadOnlySpan<int> wordStarts, int[] raw, int count, FeatureBuffer buffer)
    {
        var slots = buffer.EnsureGramSlots(paddedLength + Vector256<int>.Count);
        for (var n = charMin; n <= charMax; n++)
        {
            if (n > paddedLength)
            {
                break;
            }

            HashWindows(padded, paddedLength - n + 1, n, mask, ngramLimit, slots, Vector256.IsHardwareAccelerated);
            for (var w = 0; w + 1 < wordStarts.Length; w++)
            {
                var start = wordStarts[w];
                var windows = wordStarts[w + 1] - start - n + 1;
                for (var k = 0; k < windows; k++)
                {
                    raw[count++] = slots[start + k];
                }
            }
        }

        return count;
    }

    /// <summary>
    /// Computes the slot of the n-character window starting at each of the first <paramref name="positions"/> positions
    /// of <paramref name="chars"/>: FNV-1a over the window (seeded by n), the MurmurHash3 finaliser, the mask and the cue
    /// fold of <see cref="Slot"/>. Vectorised, eight windows at a time, when <paramref name="vectorize"/> is set; both ways
    /// give the same slots (a test checks). Reads up to 7 positions past the last window and writes up to 7 slots past
    /// <paramref name="positions"/>: the buffers have that slack.
    /// </summary>
    internal static void HashWindows(ReadOnlySpan<uint> chars, int positions, int n, int mask, int ngramLimit, Span<int> slots, bool vectorize)
    {
        var seed = FnvOffset ^ ((uint)n * 0x27D4EB2Fu);
        var p = 0;
        if (vectorize)
        {
            ref var source = ref MemoryMarshal.GetReference(chars);
            ref var target = ref MemoryMarshal.GetReference(slots);
            var prime = Vector256.Create(FnvPrime);
            var masks = Vector256.Create((uint)mask);
            var limit = Vector256.Create(ngramLimit);
            var fold = Vector256.Create(CueSlotCount);
            var m1 = Vector256.Create(0x85EBCA6Bu);
            var m2 = Vector256.Create(0xC2B2AE35u);
            for (; p < positions; p += Vector256<uint>.Count)
            {
                var hash = Vector256.Create(seed);
                for (var k = 0; k < n; k++)
                {
                    hash = (hash ^ Vector256.LoadUnsafe(ref source, (nuint)(p + k))) * prime;
                }

                hash ^= Vector256.ShiftRightLogical(hash, 16);
                hash *= m1;
                hash ^= Vector256.ShiftRightLogical(hash, 13);
                hash *= m2;
                hash ^= Vector256.ShiftRightLogical(hash, 16);
                var slot = (hash & masks).AsInt32();
                slot = Vector256.ConditionalSelect(Vector256.LessThan(slot, limit), slot, slot - fold);
                slot.StoreUnsafe(ref target, (nuint)p);
            }

            return;
        }

        for (; p < positions; p++)
        {
            var hash = seed;
            for (var k = 0; k < n; k++)
            {
                hash = (hash ^ chars[p + k]) * FnvPrime;
            }

            var slot = (int)(Finalize(hash) & (uint)mask);
            slots[p] = slot < ngramLimit ? slot : slot - CueSlotCount;
        }
    }

    // Merges repeated slots, then applies sublinear TF, the cue weight and the L2 norm. Slots come out in order of first
    // occurrence (the scorer does not need order, and a sort was the largest cost of a short statement; MlNetBridge.ToRow
    // sorts them for ML.NET). Most slots occur once: a first pass over 8,192 bits (slot mod 8,192) marks the bits seen
    // twice, and only slots on such a bit go through the open-addressing merge table; the rest are known to be unique.
    private int Normalize(Span<int> raw, FeatureBuffer buffer)
    {
        var indices = buffer.EnsureIndices(raw.Length);
        var values = buffer.EnsureValues(raw.Length);
        var seen = buffer.Seen;
        var repeated = buffer.Repeated;
        foreach (var index in raw)
        {
            var word = (index >> 6) & (FeatureBuffer.FilterWords - 1);
            var bit = 1UL << index;
            repeated[word] |= seen[word] & bit;
            seen[word] |= bit;
        }

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
                continue;
            }

            // Kept for clearing the table afterwards, in the part of raw already read.
            raw[merged++] = index;

            // Table cells hold (position in indices) + 1; 0 is empty.
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
                    break;
                }

                if (indices[entry - 1] == index)
                {
                    values[entry - 1] += 1;
                    break;
                }

                cell = (cell + 1) & tableMask;
            }
        }

        buffer.ClearTable(raw[..merged], tableMask);
        Array.Clear(seen);
        Array.Clear(repeated);

        double sumOfSquares = 0;
        for (var j = 0; j < distinct; j++)
        {
            var count = values[j];
            var value = !sublinear || count == 1 ? count : 1f + MathF.Log(count);
            if (indices[j] >= ngramLimit)
            {
                value *= cueWeight;
            }

            values[j] = value;
            sumOfSquares += (double)value * value;
        }

        var scale = (float)(1.0 / Math.Sqrt(sumOfSquares));
        for (var j = 0; j < distinct; j++)
        {
            values[j] *= scale;
        }

        return distinct;
    }

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

    public int[] EnsureRaw(int length) => Ensure(ref raw, length);

    public int[] EnsureIndices(int length) => Ensure(ref indices, length);

    public float[] EnsureValues(int length) => Ensure(ref values, length);

    private uint[] padded = new uint[2048];
    private int[] wordStarts = new int[512];
    private int[] pendingFinals = new int[512];
    private int[] gramSlots = new int[2048];

    public uint[] EnsurePadded(int length) => Ensure(ref padded, length);

    public int[] EnsureWordStarts(int length) => Ensure(ref wordStarts, length);

    public int[] EnsurePendingFinals(int length) => Ensure(ref pendingFinals, length);

    public int[] EnsureGramSlots(int length) => Ensure(ref gramSlots, length);

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

    /// <summary>Empties the cells the given slots used, leaving the table all zero for the next call.</summary>
    public void ClearTable(ReadOnlySpan<int> slots, int mask)
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
