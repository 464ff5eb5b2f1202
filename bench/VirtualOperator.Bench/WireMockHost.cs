using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace VirtualOperator.Bench;

/// <summary>
/// <c>serve-wiremock --urls URL --body Action=path ...</c>: WireMock.Net as a partner would use it instead of
/// this project, one static mapping per action (matched on <c>x-acs-action</c>, or <c>Action</c> in a V1 query)
/// answering the bytes the emulator answered. Its request log is bounded like the emulator's journal (5000),
/// and it logs nothing to the console, so neither server pays for what the other does not do.
/// </summary>
public static class WireMockHost
{
    public static async Task<int> ServeAsync(string[] args)
    {
        var url = Arg(args, "--urls") ?? throw new ArgumentException("--urls is required");
        var server = WireMockServer.Start(new WireMockServerSettings
        {
            Urls = [url],
            StartAdminInterface = false,
            MaxRequestLogCount = 5000,
            Logger = new WireMockNullLogger(),
        });
        server.Given(Request.Create().WithPath("/_emulator/health").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("{\"status\":\"ok\"}"));
        for (var i = 0; i + 1 < args.Length; i++)
        {
            if (args[i] != "--body" || args[i + 1].Split('=', 2) is not [var action, var path]) continue;
            var body = File.ReadAllBytes(path);
            Func<IResponseBuilder> respond = () => Response.Create().WithStatusCode(200)
                .WithHeader("Content-Type", "application/json;charset=utf-8").WithBody(body);
            server.Given(Request.Create().WithPath("/").UsingAnyMethod().WithHeader("x-acs-action", action)).RespondWith(respond());
            server.Given(Request.Create().WithPath("/").UsingAnyMethod().WithParam("Action", action)).RespondWith(respond());
        }
        var stop = new TaskCompletionSource();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.TrySetResult();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
        await stop.Task;
        server.Stop();
        return 0;
    }

    private static string? Arg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
