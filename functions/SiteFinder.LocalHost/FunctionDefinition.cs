using System.Text.Json;

namespace SiteFinder.LocalHost;

/// <summary>One function as the Worker SDK describes it in functions.metadata, the file the Functions host reads.</summary>
public sealed record FunctionDefinition(
    string Name,
    string EntryPoint,
    string ScriptFile,
    string TriggerType,
    string? Route,
    IReadOnlyList<string> Methods,
    string? AuthLevel,
    string? Schedule,
    bool RunOnStartup)
{
    public bool IsHttp => TriggerType.Equals("httpTrigger", StringComparison.OrdinalIgnoreCase);

    public bool IsTimer => TriggerType.Equals("timerTrigger", StringComparison.OrdinalIgnoreCase);

    public static IReadOnlyList<FunctionDefinition> Load(string path)
    {
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.EnumerateArray().Select(Read).ToArray();
    }

    private static FunctionDefinition Read(JsonElement function)
    {
        var trigger = function.GetProperty("bindings").EnumerateArray()
            .First(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase));
        var name = function.GetProperty("name").GetString()!;
        return new FunctionDefinition(
            name,
            function.GetProperty("entryPoint").GetString()!,
            function.GetProperty("scriptFile").GetString()!,
            trigger.GetProperty("type").GetString()!,
            trigger.TryGetProperty("route", out var route) ? route.GetString() : null,
            trigger.TryGetProperty("methods", out var methods) ? methods.EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()).ToArray() : [],
            trigger.TryGetProperty("authLevel", out var auth) ? auth.GetString() : null,
            trigger.TryGetProperty("schedule", out var schedule) ? schedule.GetString() : null,
            trigger.TryGetProperty("runOnStartup", out var startup) && startup.ValueKind == JsonValueKind.True);
    }
}
