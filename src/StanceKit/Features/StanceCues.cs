namespace StanceKit.Features;

/// <summary>
/// A small multilingual lexicon of stance cues: words that endorse, reject, doubt or set conditions, in English, French,
/// Spanish, Haitian Creole and Swahili, with negation triggers whose scope is the next three words.
/// Tokens are matched in the featurizer's normalised form (lower case, no accents). Immutable and thread-safe.
/// </summary>
/// <remarks>
/// These features carry knowledge the corpus cannot: a statement that praises with words the corpus never used still
/// fires "endorse". A negated cue becomes its own feature ("not support" fires negated-endorse, not endorse).
/// </remarks>
internal static class StanceCues
{
    public const byte None = 0;
    public const byte Endorse = 1;
    public const byte Reject = 2;
    public const byte Doubt = 3;
    public const byte Condition = 4;
    public const byte Negation = 5;
    public const byte Contrast = 6;
    public const int Categories = 5;

    public static readonly string[] Names = ["", "endorse", "reject", "doubt", "condition", "negation", "contrast"];

    // '*' marks a stem matched as a prefix (at least the stem's length); other entries must match the whole word.
    private static readonly Dictionary<string, byte> Exact = new(StringComparer.Ordinal);
    private static readonly Dictionary<string, byte> Prefix = new(StringComparer.Ordinal);
    private static readonly Dictionary<string, byte>.AlternateLookup<ReadOnlySpan<char>> ExactLookup;
    private static readonly Dictionary<string, byte>.AlternateLookup<ReadOnlySpan<char>> PrefixLookup;
    private static readonly int LongestPrefix;

    // The same lexicon as a trie over 'a'..'z' (every entry is lower-case ASCII, which the constructor checks), walked once
    // per token: Next[node * 26 + letter] is the child (0 = none), ExactAt[node] the category of a whole-word entry ending
    // there, StemAt[node] the category of a prefix entry ending there (only at depth 3 or more, as the lookup requires).
    // One walk replaces a dozen span-hashing dictionary lookups for a token like "contributing".
    private static readonly int[] Next;
    private static readonly byte[] ExactAt;
    private static readonly byte[] StemAt;

    static StanceCues()
    {
        Add(Endorse, """
            support* back backing backed welcom* endors* prais* commend* applaud* salut* thank* grate* pledg* commit committed commitment commits contribut*
            proud pride honour* honor* solidar* reinforc* success* progress* achiev* delight* glad appreciat* champion* deliver* encourag* hail* laud* lauded
            hero* brave* courage* gratitude indispensable vital essential milestone reassur* lifeline hope hoped hopes hopeful steadfast resolute
            soutien* souten* soutient salu* felicit* remerci* merci bienvenu* accueill* engag* contribu* fier* progres* reuss* appui* appuy* encourag* courag* espoir* reconnaiss* heros
            apoy* respald* agradec* gracias celebr* bienvenid* compromis* compromet* orgull* exito* acog* aplaud* elogi* esperanz* valent*
            sipot* apiye* mesi kontan felisite byenveni angaje* kontribye fye solidarite pwogre akeyi* bravo ankouraje
            pongez* shukur* asante karibish* ahadi jivun* fahari mshikamano mafanikio tunaunga kuunga wanaunga anaunga
            """);
        Add(Reject, """
            oppos* reject* withdraw* halt* block* scrap* cancel* abandon* illegal* unlawful* unconstitution* occupation* occupier*
            invasion* invad* colonial* neocolonial* imperial* resist* refus* denounc* condemn* puppet* mercenar* suspend* terminat* quash* nullif* void
            unconstitutional* illegitimate* betray* disaster* folly* mistake* misguided* sham* proxy*
            rejet* retir* retrait* bloqu* annul* inconstitution* envahi* denonc* condamn*
            oponem* oposic* rechaz* ilegal* inconstitucion* ocupacion* invasion* rehus* denunci* conden*
            opoze rejte retire bloke anile okipasyon envazyon kolon* reziste refize denonse kondane
            pinga* tunapinga kataa* kukataa ondo* sitisha* zuia* haramu uvamizi ukoloni rudisha* warudishwe komesha* hatukubali hatutaki hatuungi hawataki siungi
            deplor* outrage* reckless* disgrace* shame* scandal* dereliction
            """);
        Add(Doubt, """
            concern* worr* doubt* question* uncertain* unclear risk* caution* skeptic* scrutin* troubl* alarm* daunting unproven uneasy anxious* anxiet* premature*
            untested* unanswered* overstretch* shortfall* shortage* lacking sceptic* skeptic* fail* unrealistic* unprepared*
            insufficient* underfund* lack* whether dubious warn* reservation* hesit* unanswer* vague abstain* abstention* wonder* unsure
            inquiet* preoccup* doute* incertain* risque* crain* interrog* mefian* prematur* prudence sceptique* echec* echou* insuffisant* manque* reserve* abstention* abstenu* avert* flou
            preocup* duda* pregunt* incierto* riesgo* temor* teme cautel* interrog* inquiet* desconfi* esceptic* fracas* insuficiente* falta reserva* abstencion* abstuv* advert*
            enkyete dout kesyon echwe ensifizan manke rezev poukisa kijan
            wasiwasi shaka hofu hatari swali maswali kushindwa upungufu tahadhari je vipi hatujui
            """);
        Add(Condition, """
            unless provided condition* conditional* until safeguard* guarantee* oversight vetting vetted accountab* prerequisite*
            sauf tant garantie* garde prealable*
            condicion* salvo garantia* siempre
            kondisyon sof garanti
            sharti masharti iwapo ikiwa hadi
            """);
        Add(Negation, """
            not no never nor neither without cannot t none nothing
            ne pas jamais aucun aucune sans ni
            nunca jamas sin tampoco
            pa pap janm
            hatu hakuna hapana bila sio
            """);
        Add(Contrast, """
            but however yet although though nevertheless nonetheless whereas
            mais cependant pourtant toutefois neanmoins
            pero aunque embargo obstante
            men poutan sepandan
            lakini ila
            """);
        ExactLookup = Exact.GetAlternateLookup<ReadOnlySpan<char>>();
        PrefixLookup = Prefix.GetAlternateLookup<ReadOnlySpan<char>>();
        LongestPrefix = Prefix.Keys.Max(k => k.Length);
        (Next, ExactAt, StemAt) = BuildTrie();
    }

    private static (int[] Next, byte[] ExactAt, byte[] StemAt) BuildTrie()
    {
        var next = new List<int>(new int[26]);
        var exactAt = new List<byte> { None };
        var stemAt = new List<byte> { None };
        int NodeOf(string entry)
        {
            var node = 0;
            foreach (var c in entry)
            {
                var letter = c - 'a';
                if ((uint)letter >= 26)
                {
                    throw new InvalidOperationException($"Stance cue '{entry}' has a character outside a-z; the lexicon must be in normalised form.");
                }

                if (next[(node * 26) + letter] == 0)
                {
                    next[(node * 26) + letter] = exactAt.Count;
                    next.AddRange(new int[26]);
                    exactAt.Add(None);
                    stemAt.Add(None);
                }

                node = next[(node * 26) + letter];
            }

            return node;
        }

        foreach (var (entry, category) in Exact)
        {
            exactAt[NodeOf(entry)] = category;
        }

        foreach (var (stem, category) in Prefix.Where(p => p.Key.Length >= 3))
        {
            stemAt[NodeOf(stem)] = category;
        }

        return (next.ToArray(), exactAt.ToArray(), stemAt.ToArray());
    }

    /// <summary>
    /// Returns the cue category of a normalised token, or <see cref="None"/>: a whole-word entry if one matches, else the
    /// longest prefix entry (of at least three characters) the token starts with.
    /// </summary>
    public static byte Classify(ReadOnlySpan<char> token)
    {
        var walk = StartWalk();
        foreach (var c in token)
        {
            walk.Step(c);
        }

        return walk.Category;
    }

    /// <summary>Starts a walk down the trie, fed one character at a time (what <see cref="Classify"/> does in one call).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static TrieWalk StartWalk() => new(Next, ExactAt, StemAt);

    /// <summary>A walk down the cue trie, one character at a time, so that the featurizer can classify a word while it hashes it.</summary>
    internal ref struct TrieWalk
    {
        private readonly int[] next;
        private readonly byte[] exactAt;
        private readonly byte[] stemAt;
        private int node;
        private byte stem;
        private bool alive;

        public TrieWalk(int[] next, byte[] exactAt, byte[] stemAt)
        {
            this.next = next;
            this.exactAt = exactAt;
            this.stemAt = stemAt;
            alive = true;
        }

        /// <summary>Gets the category of the characters fed so far, as <see cref="Classify"/> gives it.</summary>
        public readonly byte Category => alive ? (exactAt[node] != None ? exactAt[node] : stem) : stem;

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public void Step(char c)
        {
            if (!alive)
            {
                return;
            }

            var letter = c - 'a';
            if ((uint)letter >= 26 || (node = next[(node * 26) + letter]) == 0)
            {
                alive = false;
                return;
            }

            if (stemAt[node] != None)
            {
                stem = stemAt[node];
            }
        }
    }

    /// <summary>The same lookup through the dictionaries (the slow reference a test compares <see cref="Classify"/> with).</summary>
    internal static byte ClassifyReference(ReadOnlySpan<char> token)
    {
        if (ExactLookup.TryGetValue(token, out var category))
        {
            return category;
        }

        for (var length = Math.Min(token.Length, LongestPrefix); length >= 3; length--)
        {
            if (PrefixLookup.TryGetValue(token[..length], out category))
            {
                return category;
            }
        }

        return None;
    }

    /// <summary>Gets every entry (a trailing '*' marks a prefix) with its category, for tests.</summary>
    internal static IEnumerable<(string Entry, byte Category)> Entries =>
        Exact.Select(e => (e.Key, e.Value)).Concat(Prefix.Select(e => (e.Key + "*", e.Value)));

    private static void Add(byte category, string words)
    {
        foreach (var word in words.Split([' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (word.EndsWith('*'))
            {
                Prefix.TryAdd(word[..^1], category);
            }
            else
            {
                Exact.TryAdd(word, category);
            }
        }
    }
}
