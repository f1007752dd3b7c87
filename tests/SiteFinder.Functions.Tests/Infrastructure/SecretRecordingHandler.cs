namespace SiteFinder.Functions.Tests.Infrastructure;

/// <summary>The fixture's HTTP client pipeline: notes every secret a request sends and every one an answer issues (<see cref="SuiteSecrets"/>).</summary>
public sealed class SecretRecordingHandler() : DelegatingHandler(new HttpClientHandler())
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        SuiteSecrets.FromRequest(request);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.Content.Headers.ContentType?.MediaType is { } type && type.EndsWith("json", StringComparison.Ordinal) && response.Content.Headers.ContentLength is null or < 1_000_000)
        {
            // Buffered here, so the test reads the same bytes afterwards.
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            SuiteSecrets.FromAnswer(await response.Content.ReadAsStringAsync(cancellationToken));
        }

        return response;
    }
}
