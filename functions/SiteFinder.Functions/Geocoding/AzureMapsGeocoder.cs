using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;
using SiteFinder.Domain.Geo;
using SiteFinder.Functions.Configuration;

namespace SiteFinder.Functions.Geocoding;

/// <summary>
/// Azure Maps Geocoding REST, api-version 2023-06-01 (wire format: <see cref="AzureMapsWire"/>): GET
/// /geocode for one query, POST /geocode:batch for up to 100. A typed HttpClient whose pipeline signs
/// (<see cref="AzureMapsAuthenticationHandler"/>) and retries (<see cref="AzureMapsResilience"/>).
/// Answers are cached by normalised query (<see cref="IGeocodeCache"/>); every failure of the remote
/// becomes a degraded answer, logged without the query (a resident's address is theirs).
/// </summary>
public sealed partial class AzureMapsGeocoder(HttpClient http, IOptions<AzureMapsSettings> settings, IGeocodeCache cache, ILogger<AzureMapsGeocoder> logger) : IAddressGeocoder
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<GeocodeAnswer> GeocodeAsync(string query, GeocodeBias bias, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(bias);
        var maps = settings.Value;
        if (!maps.IsConfigured)
            return NotConfigured;
        var (near, box) = Resolve(bias, maps);
        var key = GeocodeCacheKey.For(query, BiasParameter(near, box));
        if (key.NormalizedQuery.Length == 0)
            return Empty;
        if (await cache.GetAsync(key, cancellationToken) is { } cached)
            return GeocodeAnswer.Found(cached, cached: true);

        var url = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"geocode?api-version={AzureMapsWire.ApiVersion}&query={Uri.EscapeDataString(key.NormalizedQuery)}&top={maps.MaxCandidates}"));
        if (BiasParameter(near, box) is { Length: > 0 } biasParameter)
            url.Append('&').Append(biasParameter);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url.ToString(), UriKind.Relative));
        var (body, failure) = await SendAsync(request, cancellationToken);
        if (failure is not null)
            return failure;

        GeocodeAnswer answer;
        try
        {
            var collection = JsonSerializer.Deserialize<AzureMapsWire.FeatureCollection>(body!, Json);
            answer = GeocodeAnswer.Found(Candidates(collection?.Features), cached: false);
        }
        catch (JsonException)
        {
            return Degrade(GeocodeDegradedReason.RemoteError, "an answer that is not a FeatureCollection");
        }

        await cache.PutAsync(key, answer.Candidates, cancellationToken);
        return answer;
    }

    public async Task<IReadOnlyList<GeocodeAnswer>> GeocodeBatchAsync(IReadOnlyList<string> queries, GeocodeBias bias, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(bias);
        var maps = settings.Value;
        if (!maps.IsConfigured)
            return [.. queries.Select(_ => NotConfigured)];
        var (near, box) = Resolve(bias, maps);
        var biasParameter = BiasParameter(near, box);
        var keys = queries.Select(q => GeocodeCacheKey.For(q ?? string.Empty, biasParameter)).ToArray();
        var answers = new GeocodeAnswer?[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            if (keys[i].NormalizedQuery.Length == 0)
                answers[i] = Empty;
        }

        await Parallel.ForEachAsync(Enumerable.Range(0, keys.Length).Where(i => answers[i] is null), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            if (await cache.GetAsync(keys[i], ct) is { } cached)
                answers[i] = GeocodeAnswer.Found(cached, cached: true);
        });

        // Each distinct query is asked once, in the order it first appears; its answer goes to every row that has it.
        var misses = Enumerable.Range(0, keys.Length).Where(i => answers[i] is null).GroupBy(i => keys[i].RowKey, StringComparer.Ordinal).ToList();
        foreach (var chunk in misses.Chunk(AzureMapsWire.MaxBatchItems))
        {
            var items = chunk.Select((group, j) => new AzureMapsWire.BatchRequestItem(
                keys[group.First()].NormalizedQuery,
                maps.MaxCandidates,
                j.ToString(CultureInfo.InvariantCulture),
                near is null ? box is null ? null : [box.West, box.South, box.East, box.North] : null,
                near is { } point ? [point.Lng, point.Lat] : null)).ToList();
            var results = await PostBatchAsync(items, cancellationToken);
            for (var j = 0; j < chunk.Length; j++)
            {
                foreach (var i in chunk[j])
                    answers[i] = results[j];
                if (!results[j].IsDegraded)
                    await cache.PutAsync(keys[chunk[j].First()], results[j].Candidates, cancellationToken);
            }
        }

        return answers!;
    }

    /// <summary>One POST /geocode:batch ("./" first, or "geocode:" would read as a URI scheme): an answer per item, in the items' order, matched by optionalId (the item's index) where the service echoes it.</summary>
    private async Task<GeocodeAnswer[]> PostBatchAsync(List<AzureMapsWire.BatchRequestItem> items, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"./geocode:batch?api-version={AzureMapsWire.ApiVersion}", UriKind.Relative))
        {
            Content = JsonContent.Create(new AzureMapsWire.BatchRequest(items), options: Json),
        };
        request.Options.Set(AzureMapsResilience.IsBatch, true);
        var (body, failure) = await SendAsync(request, cancellationToken);
        if (failure is not null)
            return [.. items.Select(_ => failure)];

        List<AzureMapsWire.FeatureCollection>? batchItems;
        try
        {
            batchItems = JsonSerializer.Deserialize<AzureMapsWire.BatchResponse>(body!, Json)?.BatchItems;
        }
        catch (JsonException)
        {
            batchItems = null;
        }

        if (batchItems is null || batchItems.Count != items.Count)
        {
            var unreadable = Degrade(GeocodeDegradedReason.RemoteError, $"a batch answer without one item per query ({items.Count} sent)");
            return [.. items.Select(_ => unreadable)];
        }

        var answers = new GeocodeAnswer[items.Count];
        for (var j = 0; j < batchItems.Count; j++)
        {
            var item = batchItems[j];
            var index = int.TryParse(item.OptionalId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id < items.Count ? id : j;
            answers[index] = item.Error is { } error
                ? Degrade(GeocodeDegradedReason.Rejected, $"batch item {error.Code}: {error.Message}")
                : GeocodeAnswer.Found(Candidates(item.Features), cached: false);
        }

        // A service that echoed ids twice would leave holes: those queries are answered as unreadable, not guessed.
        for (var j = 0; j < answers.Length; j++)
            answers[j] ??= Degrade(GeocodeDegradedReason.RemoteError, "a batch answer that skipped this item");
        return answers;
    }

    /// <summary>Sends and reads the body of a 200; every other outcome becomes a degraded answer. Only the caller's own cancellation throws.</summary>
    private async Task<(string? Body, GeocodeAnswer? Failure)> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode == HttpStatusCode.OK)
                return (body, null);
            var status = (int)response.StatusCode;
            var detail = $"{status} {ErrorText(body)}";
            var reason = response.StatusCode switch
            {
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => GeocodeDegradedReason.AuthFailure,
                HttpStatusCode.TooManyRequests => GeocodeDegradedReason.Throttled,
                HttpStatusCode.RequestTimeout or HttpStatusCode.GatewayTimeout => GeocodeDegradedReason.Timeout,
                _ when status >= 500 => GeocodeDegradedReason.RemoteError,
                _ => GeocodeDegradedReason.Rejected,
            };
            return (null, Degrade(reason, detail));
        }
        catch (BrokenCircuitException)
        {
            return (null, Degrade(GeocodeDegradedReason.CircuitOpen, "circuit open after repeated failures; not called"));
        }
        catch (TimeoutRejectedException e)
        {
            return (null, Degrade(GeocodeDegradedReason.Timeout, $"no answer within {e.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s"));
        }
        catch (AuthenticationFailedException e)
        {
            return (null, Degrade(GeocodeDegradedReason.AuthFailure, $"no Entra ID token: {e.GetType().Name}"));
        }
        catch (HttpRequestException e)
        {
            return (null, Degrade(GeocodeDegradedReason.Unreachable, $"{e.HttpRequestError}"));
        }
        catch (IOException e)
        {
            return (null, Degrade(GeocodeDegradedReason.Unreachable, e.GetType().Name));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, Degrade(GeocodeDegradedReason.Timeout, "the HTTP client gave up"));
        }
    }

    /// <summary>
    /// Candidates best first. GeoJSON puts longitude first: coordinates [lng, lat] become (lat, lng).
    /// A feature without a point in range is dropped rather than placed at a wrong spot.
    /// </summary>
    private static List<GeocodeCandidate> Candidates(List<AzureMapsWire.Feature>? features)
    {
        var candidates = new List<GeocodeCandidate>();
        foreach (var feature in features ?? [])
        {
            if (feature.Geometry?.Coordinates is not [var lng, var lat, ..]
                || !double.IsFinite(lat) || !double.IsFinite(lng) || lat is < -90 or > 90 || lng is < -180 or > 180)
                continue;
            var properties = feature.Properties;
            var address = properties?.Address;
            var matchCodes = (IReadOnlyList<string>?)properties?.MatchCodes ?? [];
            var label = address?.FormattedAddress ?? address?.AddressLine ?? address?.Locality ?? string.Empty;
            candidates.Add(new GeocodeCandidate(new GeoPoint(lat, lng), label, Confidence(properties?.Confidence, matchCodes), properties?.Type, matchCodes));
        }

        // Stable: equal confidences keep the service's order.
        return [.. candidates.OrderByDescending(c => c.Confidence)];
    }

    /// <summary>
    /// Azure Maps' three words as a 0–1 number comparable with the gazetteer's: High 0.9, Medium 0.6,
    /// Low 0.3 (an unknown word 0.3), less 0.1 when the match is one of several (Ambiguous) and less 0.1
    /// when it was found only at a coarser level than asked (UpHierarchy), never below 0.05.
    /// </summary>
    public static double Confidence(string? confidence, IReadOnlyList<string> matchCodes)
    {
        ArgumentNullException.ThrowIfNull(matchCodes);
        var value = confidence?.ToUpperInvariant() switch
        {
            "HIGH" => 0.9,
            "MEDIUM" => 0.6,
            _ => 0.3,
        };
        if (matchCodes.Contains("Ambiguous", StringComparer.OrdinalIgnoreCase))
            value -= 0.1;
        if (matchCodes.Contains("UpHierarchy", StringComparer.OrdinalIgnoreCase))
            value -= 0.1;
        return Math.Round(Math.Max(0.05, value), 2);
    }

    /// <summary>The caller's position wins, then the caller's box, then the city box from the settings.</summary>
    private static (GeoPoint? Near, GeocodeBounds? Box) Resolve(GeocodeBias bias, AzureMapsSettings maps) =>
        bias.Near is { } near ? (near, null) : (null, bias.Within ?? GeocodeBounds.Parse(maps.BiasBoundingBox));

    /// <summary>The bias as the GET's query parameter (longitude first, as the spec's "lon,lat"), also part of the cache key.</summary>
    private static string BiasParameter(GeoPoint? near, GeocodeBounds? box) =>
        near is { } point ? string.Create(CultureInfo.InvariantCulture, $"coordinates={point.Lng:R},{point.Lat:R}")
        : box is not null ? $"bbox={box}"
        : string.Empty;

    /// <summary>"code: message" of an error body ({"error":{"code","message"}}), cut short; the status alone when the body is not one.</summary>
    private static string ErrorText(string body)
    {
        try
        {
            if (JsonSerializer.Deserialize<AzureMapsWire.ErrorResponse>(body, Json)?.Error is { } error)
            {
                var text = $"{error.Code}: {error.Message}";
                return text.Length <= 200 ? text : text[..200];
            }
        }
        catch (JsonException)
        {
            // Not an error body (a gateway's HTML page, for one): the status says enough.
        }

        return string.Empty;
    }

    private static GeocodeAnswer NotConfigured { get; } = GeocodeAnswer.Failed(GeocodeDegradedReason.NotConfigured, "Azure Maps is not configured (AzureMaps__endpoint is empty)");

    private static GeocodeAnswer Empty { get; } = GeocodeAnswer.Failed(GeocodeDegradedReason.Rejected, "empty query; not sent");

    private GeocodeAnswer Degrade(GeocodeDegradedReason reason, string detail)
    {
        LogDegraded(logger, reason, detail);
        return GeocodeAnswer.Failed(reason, detail);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Azure Maps geocoding degraded: {Reason} ({Detail})")]
    private static partial void LogDegraded(ILogger logger, GeocodeDegradedReason reason, string detail);
}
