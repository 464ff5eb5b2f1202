namespace VirtualOperator.Emulator.Hosting;

/// <summary>The process-level health probe used by the Docker image's HEALTHCHECK.</summary>
public static class HealthCheck
{
    public static async Task<int> RunAsync(string baseUrl)
    {
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
            var r = await http.GetAsync(baseUrl.TrimEnd('/') + "/_emulator/health");
            return r.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return 1;
        }
    }
}
