using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using StanceKit;
using StanceKit.Samples.WebApi;

// Run from the repository root: dotnet run --project samples/WebApi [-- --port 5080]
// An ASP.NET Core minimal API on Kestrel, bound to 127.0.0.1 only, that shares one StanceClassifier between all requests:
//   POST /classify        {"text": "..."}           -> {"stance", "confidence", "isLowConfidence", "probabilities"}
//   POST /classify/batch  {"texts": ["...", ...]}   -> {"predictions": [...]} in request order, at most 100 texts
//   GET  /model                                     -> the model card: labels, training options, corpus hash, held-out metrics
// Bad requests (no body, no text, too many texts, text over 20,000 characters) get 400 with RFC 9457 problem details.

// 1. Build the app: the port comes from --port, else the STANCEKIT_PORT environment variable, else 5080 (0 picks a free one).
var app = ClassifyApi.Build(args);

// 2. Start it and say where it listens.
await app.StartAsync();
Console.WriteLine($"StanceKit WebApi on {app.Urls.First()}: POST /classify, POST /classify/batch, GET /model. Ctrl+C stops it.");

// 3. Serve until Ctrl+C.
await app.WaitForShutdownAsync();

namespace StanceKit.Samples.WebApi
{
    /// <summary>The web API: three endpoints over one shared, thread-safe <see cref="StanceClassifier"/>.</summary>
    internal static class ClassifyApi
    {
        /// <summary>The most statements one POST /classify/batch may carry.</summary>
        public const int MaximumBatchSize = 100;

        /// <summary>The longest statement accepted, in characters (the default model reads the first 20,000 anyway).</summary>
        public const int MaximumTextLength = 20_000;

        /// <summary>The port used when neither --port nor STANCEKIT_PORT is given.</summary>
        public const int DefaultPort = 5080;

        public static WebApplication Build(string[] args)
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ApplicationName = typeof(ClassifyApi).Assembly.GetName().Name });
            var port = builder.Configuration.GetValue<int?>("port") ?? builder.Configuration.GetValue<int?>("STANCEKIT_PORT") ?? DefaultPort;
            if (port is < 0 or > 65535)
            {
                throw new ArgumentOutOfRangeException(nameof(args), port, "The port must be from 0 to 65535.");
            }

            // 1a. Loopback only, with a small request body limit: a statement is text, not a file upload.
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                kestrel.Listen(IPAddress.Loopback, port);
                kestrel.Limits.MaxRequestBodySize = 4 * 1024 * 1024;
            });

            // 1b. Quiet logs (warnings and errors only), JSON with camelCase names and enums as strings, problem details for errors.
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
            builder.Services.AddProblemDetails();

            // 1c. One classifier for the whole app: StanceClassifier is immutable and safe to share between threads.
            builder.Services.AddSingleton(StanceClassifier.Default);

            var app = builder.Build();
            app.UseExceptionHandler();
            app.UseStatusCodePages();
            app.MapPost("/classify", Classify);
            app.MapPost("/classify/batch", ClassifyBatch);
            app.MapGet("/model", (StanceClassifier classifier) => TypedResults.Ok(classifier.Card));
            return app;
        }

        // POST /classify {"text": "..."} -> {"stance": "opposed", "confidence": 0.99, "isLowConfidence": false, "probabilities": {...}}
        private static Results<Ok<StanceResult>, ValidationProblem> Classify(
            [FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] ClassifyRequest? request,
            StanceClassifier classifier)
        {
            if (request is null)
            {
                return Invalid("body", "The request body is empty; send {\"text\": \"...\"}.");
            }

            if (TextError(request.Text) is { } error)
            {
                return Invalid("text", error);
            }

            return TypedResults.Ok(StanceResult.From(classifier.Predict(request.Text!)));
        }

        // POST /classify/batch {"texts": ["...", "..."]} -> {"predictions": [...]}, in request order.
        private static Results<Ok<BatchResult>, ValidationProblem> ClassifyBatch(
            [FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] BatchRequest? request,
            StanceClassifier classifier,
            CancellationToken cancellationToken)
        {
            if (request?.Texts is not { } texts)
            {
                return Invalid("texts", "The request has no texts; send {\"texts\": [\"...\", \"...\"]}.");
            }

            if (texts.Count > MaximumBatchSize)
            {
                return Invalid("texts", $"The batch has {texts.Count} texts; send at most {MaximumBatchSize} per request.");
            }

            var errors = new Dictionary<string, string[]>();
            for (var i = 0; i < texts.Count; i++)
            {
                if (TextError(texts[i]) is { } error)
                {
                    errors[$"texts[{i}]"] = [error];
                }
            }

            if (errors.Count > 0)
            {
                return TypedResults.ValidationProblem(errors);
            }

            var predictions = classifier.PredictBatch(texts!, cancellationToken);
            return TypedResults.Ok(new BatchResult(predictions.Select(StanceResult.From).ToList()));
        }

        private static string? TextError(string? text) =>
            string.IsNullOrWhiteSpace(text) ? "The text is missing or empty."
            : text.Length > MaximumTextLength ? $"The text has {text.Length:N0} characters; send at most {MaximumTextLength:N0}."
            : null;

        private static ValidationProblem Invalid(string field, string message) =>
            TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
    }

    /// <summary>The body of POST /classify.</summary>
    internal sealed record ClassifyRequest(string? Text);

    /// <summary>The body of POST /classify/batch.</summary>
    internal sealed record BatchRequest(IReadOnlyList<string?>? Texts);

    /// <summary>One answer: the stance label, its confidence, whether the model is unsure, and the three probabilities.</summary>
    internal sealed record StanceResult(string Stance, float Confidence, bool IsLowConfidence, StanceProbabilities Probabilities)
    {
        public static StanceResult From(StancePrediction prediction) => new(
            StanceLabels.ToLabel(prediction.Stance),
            prediction.Confidence,
            prediction.IsLowConfidence,
            new StanceProbabilities(prediction.Probabilities.Supportive, prediction.Probabilities.Sceptical, prediction.Probabilities.Opposed));
    }

    /// <summary>The probability of each stance; they sum to 1.</summary>
    internal sealed record StanceProbabilities(float Supportive, float Sceptical, float Opposed);

    /// <summary>The answer of POST /classify/batch: one prediction per text, in request order.</summary>
    internal sealed record BatchResult(IReadOnlyList<StanceResult> Predictions);
}

// Expected output (the server prints one line; below it, requests sent with curl from another terminal, and the answers):
// StanceKit WebApi on http://127.0.0.1:5080: POST /classify, POST /classify/batch, GET /model. Ctrl+C stops it.
// $ curl -s http://127.0.0.1:5080/classify -H 'Content-Type: application/json' -d '{"text":"Kenya must withdraw its police from Haiti immediately."}'
// {"stance":"opposed","confidence":0.997948,"isLowConfidence":false,"probabilities":{"supportive":0.002044847,"sceptical":7.1919426E-06,"opposed":0.997948}}
// $ curl -s http://127.0.0.1:5080/classify/batch -H 'Content-Type: application/json' -d '{"texts":["We welcome the Kenyan officers and thank them for their courage.","Nobody has explained who will pay for the mission or how long it will last."]}'
// {"predictions":[{"stance":"supportive","confidence":0.9995958,"isLowConfidence":false,"probabilities":{"supportive":0.9995958,"sceptical":4.8131486E-05,"opposed":0.00035600358}},{"stance":"sceptical","confidence":0.99931514,"isLowConfidence":false,"probabilities":{"supportive":0.0005132422,"sceptical":0.99931514,"opposed":0.00017169832}}]}
// $ curl -s http://127.0.0.1:5080/classify -H 'Content-Type: application/json' -d '{"txt":"a typo in the field name"}'
// {"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"One or more validation errors occurred.","status":400,"errors":{"text":["The text is missing or empty."]},"traceId":"00-71054ef21d9d5b39f30b6c0125df0184-173d11228ec9c8b8-00"}
