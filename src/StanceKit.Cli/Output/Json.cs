using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace StanceKit.Cli.Output;

/// <summary>Writes the JSON documents of the tool with <see cref="Utf8JsonWriter"/>: fixed shapes, camelCase names, invariant numbers.</summary>
internal static class Json
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions Compact = new() { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Builds a JSON document as a string.</summary>
    /// <param name="write">Writes one JSON value.</param>
    /// <param name="indented">Whether to indent (documents) or not (JSON lines).</param>
    /// <returns>The JSON text.</returns>
    public static string Write(Action<Utf8JsonWriter> write, bool indented = true)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, indented ? Indented : Compact))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Writes the metrics of an evaluation: counts, accuracy, macro-F1, log-loss, per-class figures and the confusion matrix.</summary>
    /// <param name="writer">The writer, inside an object.</param>
    /// <param name="report">The report.</param>
    public static void WriteReportProperties(Utf8JsonWriter writer, EvaluationReport report)
    {
        writer.WriteNumber("count", report.Count);
        writer.WriteNumber("accuracy", report.Accuracy);
        writer.WriteNumber("macroF1", report.MacroF1);
        writer.WriteNumber("logLoss", report.LogLoss);
        writer.WriteStartObject("perClass");
        foreach (var metrics in report.PerClass)
        {
            writer.WriteStartObject(StanceLabels.ToLabel(metrics.Stance));
            writer.WriteNumber("precision", metrics.Precision);
            writer.WriteNumber("recall", metrics.Recall);
            writer.WriteNumber("f1", metrics.F1);
            writer.WriteNumber("support", metrics.Support);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteStartObject("confusion");
        writer.WriteStartArray("labels");
        foreach (var name in StanceLabels.Names)
        {
            writer.WriteStringValue(name);
        }

        writer.WriteEndArray();
        writer.WriteString("rows", "labelled");
        writer.WriteString("columns", "predicted");
        writer.WriteStartArray("matrix");
        foreach (var actual in StanceLabels.All)
        {
            writer.WriteStartArray();
            foreach (var predicted in StanceLabels.All)
            {
                writer.WriteNumberValue(report.Confusion(actual, predicted));
            }

            writer.WriteEndArray();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Writes a prediction's stance, confidence and probabilities.</summary>
    /// <param name="writer">The writer, inside an object.</param>
    /// <param name="prediction">The prediction.</param>
    public static void WritePredictionProperties(Utf8JsonWriter writer, StancePrediction prediction)
    {
        writer.WriteString("stance", StanceLabels.ToLabel(prediction.Stance));
        writer.WriteNumber("confidence", prediction.Confidence);
        writer.WriteBoolean("lowConfidence", prediction.IsLowConfidence);
        writer.WriteBoolean("truncated", prediction.IsTruncated);
        writer.WriteStartObject("probabilities");
        foreach (var stance in StanceLabels.All)
        {
            writer.WriteNumber(StanceLabels.ToLabel(stance), prediction.Probabilities[stance]);
        }

        writer.WriteEndObject();
    }
}
