using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using StanceKit.Samples.WebApi;

namespace StanceKit.Samples.Tests.WebApi;

/// <summary>
/// The WebApi sample on Kestrel, on loopback: concurrent clients share one classifier and every answer must equal
/// <see cref="StanceClassifier.Default"/>.Predict for the same text; bad requests get 400 problem details.
/// Every loop is bounded in count, and every request in time.
/// </summary>
public sealed class ClassifyApiTests(WebApiFixture server) : IClassFixture<WebApiFixture>
{
    private const int Clients = 8;
    private const int RequestsPerClient = 50;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Our own wording: supportive, sceptical and opposed statements, plus text without a stance and odd input.
    private static readonly string[] Statements =
    [
        "Kenya must withdraw its police from Haiti immediately.",
        "We welcome the Kenyan officers and thank them for their courage.",
        "Will the money for the mission ever arrive?",
        "The deployment is the best chance Haiti has had in years.",
        "Nobody has explained how the officers will be protected.",
        "Send our police home; this is not Kenya's war.",
        "The mission can work, but only if the United Nations pays for it.",
        "Haitian families in Port-au-Prince say the patrols have made the streets calmer.",
        "The court ruled the deployment unconstitutional, and the government ignored it.",
        "Les policiers kényans sont les bienvenus en Haïti.",
        "Nou pa vle okenn fòs etranje sou tè nou.",
        "Polisi wetu wanafanya kazi nzuri Haiti.",
        "The first contingent landed on Tuesday.",
        "!!!",
        "supportive sceptical opposed",
        "We doubt the mission has enough armoured vehicles, and we doubt it has a plan.",
    ];

    [Fact]
    public async Task Classify_ConcurrentClients_EveryAnswerEqualsDefaultPredict()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var clients = Enumerable.Range(0, Clients).Select(async client =>
        {
            using var http = server.CreateClient();
            var checkedAnswers = 0;
            for (var request = 0; request < RequestsPerClient; request++)
            {
                var text = Statements[((client * RequestsPerClient) + request) % Statements.Length];
                using var response = await http.PostAsJsonAsync("classify", new { text }, deadline.Token);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var answer = await response.Content.ReadFromJsonAsync<Answer>(Json, deadline.Token);
                AssertEqual(StanceClassifier.Default.Predict(text), answer, text);
                checkedAnswers++;
            }

            return checkedAnswers;
        });

        var answered = await Task.WhenAll(clients);
        Assert.Equal(Clients * RequestsPerClient, answered.Sum());
    }

    [Fact]
    public async Task ClassifyBatch_ConcurrentClients_EveryAnswerEqualsDefaultPredictInOrder()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var clients = Enumerable.Range(0, 4).Select(async client =>
        {
            using var http = server.CreateClient();
            var checkedAnswers = 0;
            for (var batch = 0; batch < 5; batch++)
            {
                var texts = Enumerable.Range(0, 25).Select(i => Statements[(client + batch + (i * 7)) % Statements.Length]).ToList();
                using var response = await http.PostAsJsonAsync("classify/batch", new { texts }, deadline.Token);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var answer = await response.Content.ReadFromJsonAsync<BatchAnswer>(Json, deadline.Token);
                Assert.NotNull(answer);
                Assert.Equal(texts.Count, answer.Predictions.Count);
                for (var i = 0; i < texts.Count; i++)
                {
                    AssertEqual(StanceClassifier.Default.Predict(texts[i]), answer.Predictions[i], texts[i]);
                    checkedAnswers++;
                }
            }

            return checkedAnswers;
        });

        var answered = await Task.WhenAll(clients);
        Assert.Equal(4 * 5 * 25, answered.Sum());
    }

    [Fact]
    public async Task Classify_EmptyBody_Returns400ProblemDetails()
    {
        using var http = server.CreateClient();
        using var content = new StringContent(string.Empty, System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("classify", content);
        await AssertProblemAsync(response, "body");
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"text\":null}")]
    [InlineData("{\"text\":\"   \"}")]
    [InlineData("{\"txt\":\"a typo in the field name\"}")]
    public async Task Classify_MissingText_Returns400ProblemDetailsNamingText(string body)
    {
        using var http = server.CreateClient();
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("classify", content);
        await AssertProblemAsync(response, "text");
    }

    [Fact]
    public async Task Classify_MalformedJson_Returns400ProblemDetails()
    {
        using var http = server.CreateClient();
        using var content = new StringContent("{\"text\":", System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("classify", content);
        await AssertProblemAsync(response, errorKey: null);
    }

    [Fact]
    public async Task Classify_TextOverLimit_Returns400ProblemDetailsNamingText()
    {
        using var http = server.CreateClient();
        using var response = await http.PostAsJsonAsync("classify", new { text = new string('a', ClassifyApi.MaximumTextLength + 1) });
        await AssertProblemAsync(response, "text");
    }

    [Fact]
    public async Task ClassifyBatch_OverLimit_Returns400ProblemDetails()
    {
        using var http = server.CreateClient();
        var texts = Enumerable.Repeat("We back the mission.", ClassifyApi.MaximumBatchSize + 1).ToList();
        using var response = await http.PostAsJsonAsync("classify/batch", new { texts });
        await AssertProblemAsync(response, "texts");
    }

    [Fact]
    public async Task ClassifyBatch_AtLimit_ReturnsEveryPrediction()
    {
        using var http = server.CreateClient();
        var texts = Enumerable.Range(0, ClassifyApi.MaximumBatchSize).Select(i => Statements[i % Statements.Length]).ToList();
        using var response = await http.PostAsJsonAsync("classify/batch", new { texts });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<BatchAnswer>(Json);
        Assert.Equal(ClassifyApi.MaximumBatchSize, answer!.Predictions.Count);
    }

    [Fact]
    public async Task ClassifyBatch_MissingTexts_Returns400ProblemDetails()
    {
        using var http = server.CreateClient();
        using var response = await http.PostAsJsonAsync("classify/batch", new { text = "one statement, wrong endpoint" });
        await AssertProblemAsync(response, "texts");
    }

    [Fact]
    public async Task ClassifyBatch_NullOrEmptyItem_Returns400ProblemDetailsNamingTheItem()
    {
        using var http = server.CreateClient();
        using var content = new StringContent("{\"texts\":[\"We back it.\",null,\"\"]}", System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("classify/batch", content);
        var problem = await AssertProblemAsync(response, "texts[1]");
        Assert.True(problem.GetProperty("errors").TryGetProperty("texts[2]", out _), problem.ToString());
    }

    [Fact]
    public async Task Model_Get_ReturnsTheDefaultModelCard()
    {
        using var http = server.CreateClient();
        using var card = JsonDocument.Parse(await http.GetStringAsync(new Uri("model", UriKind.Relative)));
        var expected = StanceClassifier.Default.Card;
        Assert.Equal(expected.TrainingRows, card.RootElement.GetProperty("trainingRows").GetInt32());
        Assert.Equal(expected.CorpusSha256, card.RootElement.GetProperty("corpusSha256").GetString());
        Assert.Equal(expected.LibraryVersion, card.RootElement.GetProperty("libraryVersion").GetString());
        Assert.Equal(expected.Labels, card.RootElement.GetProperty("labels").EnumerateArray().Select(l => l.GetString()!).ToList());
    }

    private static void AssertEqual(StancePrediction expected, Answer? actual, string text)
    {
        Assert.NotNull(actual);
        var want = (StanceLabels.ToLabel(expected.Stance), expected.Confidence, expected.IsLowConfidence,
            expected.Probabilities.Supportive, expected.Probabilities.Sceptical, expected.Probabilities.Opposed);
        var got = (actual.Stance, actual.Confidence, actual.IsLowConfidence,
            actual.Probabilities.Supportive, actual.Probabilities.Sceptical, actual.Probabilities.Opposed);
        Assert.True(want == got, $"'{text}': expected {want}, the API answered {got}.");
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, string? errorKey)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()), body);
        if (errorKey is not null)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(errorKey, out var messages) && messages.GetArrayLength() > 0, body);
        }

        return problem;
    }

    private sealed record Probabilities(float Supportive, float Sceptical, float Opposed);

    private sealed record Answer(string Stance, float Confidence, bool IsLowConfidence, Probabilities Probabilities);

    private sealed record BatchAnswer(IReadOnlyList<Answer> Predictions);
}
