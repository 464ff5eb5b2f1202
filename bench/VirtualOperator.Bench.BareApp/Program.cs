// The bench's baseline server: answers every call with bytes captured from the emulator, chosen by the
// action name alone (x-acs-action, or Action in the query for V1), with no signature or parameter checks.
// Logging is configured as the emulator's is, so neither pays for per-request log lines.
//   dotnet VirtualOperator.Bench.BareApp.dll --urls http://127.0.0.1:PORT [--body Action=path.json ...]
var bodies = new Dictionary<string, byte[]>(StringComparer.Ordinal);
for (var i = 0; i + 1 < args.Length; i++)
    if (args[i] == "--body" && args[i + 1].Split('=', 2) is [var action, var path])
        bodies[action] = File.ReadAllBytes(path);
var fallback = bodies.Values.FirstOrDefault() ?? "{}"u8.ToArray();

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

app.MapGet("/_emulator/health", () => Results.Ok(new { status = "ok" }));
app.Map("/", (HttpContext http) =>
{
    var action = http.Request.Headers["x-acs-action"].ToString();
    if (action.Length == 0) action = http.Request.Query["Action"].ToString();
    var body = bodies.GetValueOrDefault(action, fallback);
    http.Response.ContentType = "application/json;charset=utf-8";
    http.Response.ContentLength = body.Length;
    return http.Response.Body.WriteAsync(body).AsTask();
});
app.Run();
