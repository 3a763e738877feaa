using System.Globalization;
using System.Runtime.CompilerServices;
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

    // The cue feature of a token, or 0, given and updating the negation scope (the next three words) and whether a contrast
    // word ("but", "mais", "lakini") came earlier in the sentence: cues after a contrast carry the main thrust and get ids of their own.
    // Ids: 1-5 plain cues (5 = negation), 6-9 negated cues, 10-13 cues after a contrast, 14 = the contrast word,
    // 15-18 cues of the final sentence (emitted in addition, see FinalCueId).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int CueId(ReadOnlySpan<char> word, ref int negationScope, ref bool afterContrast)
    {
        var category = StanceCues.Classify(word);
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
    /// Computes the features of <paramref name="text"/> into <paramref name="buffer"/>:
    /// sorted distinct indices and their L2-normalised values. Returns the number of features (0 when the text has no words).
    /// </summary>
    public int Featurize(ReadOnlySpan<char> text, FeatureBuffer buffer)
    {
        if (text.Length > Options.MaximumCharacters)
        {
            text = text[..Options.MaximumCharacters];
        }

        var mapped = buffer.EnsureChars(text.Length);
        var map = CharMap;
        for (var i = 0; i < text.Length; i++)
        {
            mapped[i] = map[text[i]];
        }

        // Upper bound on raw n-grams: per word, wordNgramLength word n-grams and at most 3 + (len + 2) per char length.
        var capacity = (text.Length * (wordNgramLength + 3 + (charMax == 0 ? 0 : (charMax - charMin + 1) * 3))) + 16;
        var raw = buffer.EnsureRaw(capacity);
        var count = 0;
        uint previous1 = 0, previous2 = 0;
        var wordsSeen = 0;
        var negationScope = 0;
        var afterContrast = false;
        var finalStart = cues ? FinalSentenceStart(text) : 0;
        var position = 0;
        var length = text.Length;
        while (position < length)
        {
            while (position < length && mapped[position] == Separator)
            {
                if (IsSentenceEnd(text[position]))
                {
                    afterContrast = false;
                    negationScope = 0;
                }

                position++;
            }

            if (position >= length)
            {
                break;
            }

            var start = position;
            while (position < length && mapped[position] != Separator)
            {
                position++;
            }

            var word = mapped.AsSpan(start, position - start);
            var wordHash = Hash(word, WordSeed);
            raw[count++] = Slot(wordHash);
            if (wordNgramLength >= 2 && wordsSeen >= 1)
            {
                raw[count++] = Slot(Mix(Mix(BigramSeed, previous1), wordHash));
            }

            if (wordNgramLength >= 3 && wordsSeen >= 2)
            {
                raw[count++] = Slot(Mix(Mix(Mix(TrigramSeed, previous2), previous1), wordHash));
            }

            previous2 = previous1;
            previous1 = wordHash;
            wordsSeen++;

            if (cues && CueId(word, ref negationScope, ref afterContrast) is var cue and > 0)
            {
                raw[count++] = ngramLimit + cue;
                if (start >= finalStart && FinalCueId(cue) is var final and > 0)
                {
                    raw[count++] = ngramLimit + final;
                }
            }

            if (charMax > 0)
            {
                count = AddCharNgrams(word, raw, count);
            }
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

            if (cues && CueId(words[i], ref negationScope, ref afterContrast) is var cue and > 0)
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

    private int AddCharNgrams(ReadOnlySpan<char> word, int[] raw, int count)
    {
        // The word with boundary markers: '<' + word + '>'. Hash each n-gram without copying the word.
        var paddedLength = word.Length + 2;
        for (var n = charMin; n <= charMax; n++)
        {
            if (n > paddedLength)
            {
                break;
            }

            var seed = FnvOffset ^ ((uint)n * 0x27D4EB2Fu);
            for (var begin = 0; begin + n <= paddedLength; begin++)
            {
                var hash = seed;
                for (var k = begin; k < begin + n; k++)
                {
                    var c = k == 0 ? '<' : k == paddedLength - 1 ? '>' : word[k - 1];
                    hash = (hash ^ c) * FnvPrime;
                }

                raw[count++] = Slot(Finalize(hash));
            }
        }

        return count;
    }

    // Merges repeated slots with a small open-addressing table (no sort: the scorer does not need order, and a sort was the
    // largest cost of a short statement), then applies sublinear TF, the cue weight and the L2 norm. Slots come out in order
    // of first occurrence; MlNetBridge.ToRow sorts them for ML.NET.
    private int Normalize(Span<int> raw, FeatureBuffer buffer)
    {
        var indices = buffer.EnsureIndices(raw.Length);
        var values = buffer.EnsureValues(raw.Length);
        var table = buffer.EnsureTable(raw.Length, out var tableMask);
        var distinct = 0;
        foreach (var index in raw)
        {
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

        buffer.ClearTable(indices.AsSpan(0, distinct), tableMask);
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
    private char[] chars = new char[1024];
    private int[] raw = new int[8192];
    private int[] indices = new int[4096];
    private float[] values = new float[4096];

    [ThreadStatic]
    private static FeatureBuffer? perThread;

    /// <summary>Gets the calling thread's buffer.</summary>
    public static FeatureBuffer ForCurrentThread => perThread ??= new FeatureBuffer();

    public int[] Indices => indices;

    public float[] Values => values;

    public char[] EnsureChars(int length) => Ensure(ref chars, length);

    public int[] EnsureRaw(int length) => Ensure(ref raw, length);

    public int[] EnsureIndices(int length) => Ensure(ref indices, length);

    public float[] EnsureValues(int length) => Ensure(ref values, length);

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
