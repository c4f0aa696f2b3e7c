using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PosSync.Sandbox.Lightspeed;
using PosSync.Sandbox.Pennylane;
using PosSync.Sandbox.Square;
using PosSync.Sandbox.Xero;

namespace PosSync.Sandbox;

/// <summary>
/// The vendor sandboxes in one ASP.NET Core host on 127.0.0.1 (a random port by default):
/// Lightspeed under /lightspeed, Pennylane under /pennylane, Square under /square, Xero under /xero, and a small control API under
/// /_sandbox for scripting faults from outside the process.
/// </summary>
public sealed class SandboxHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SandboxHost(WebApplication app, LightspeedSandbox lightspeed, PennylaneSandbox pennylane, SquareSandbox square, RequestJournal journal)
    {
        _app = app;
        Lightspeed = lightspeed;
        Pennylane = pennylane;
        Square = square;
        Journal = journal;
    }

    public LightspeedSandbox Lightspeed { get; }
    public PennylaneSandbox Pennylane { get; }
    public SquareSandbox Square { get; }
    public RequestJournal Journal { get; }
    public XeroSandbox Xero { get; private set; } = null!;
    public string XeroUrl => new Uri(BaseAddress, "xero").ToString();
    public Uri BaseAddress { get; private set; } = null!;
    public string LightspeedUrl => new Uri(BaseAddress, "lightspeed").ToString();
    public string PennylaneUrl => new Uri(BaseAddress, "pennylane").ToString();
    public string SquareUrl => new Uri(BaseAddress, "square").ToString();

    public static async Task<SandboxHost> StartAsync(int port = 0, TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        clock ??= TimeProvider.System;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var journal = new RequestJournal();
        var lightspeed = new LightspeedSandbox(clock, journal);
        var pennylane = new PennylaneSandbox(clock, journal);
        var square = new SquareSandbox(clock, journal);
        var app = builder.Build();
        app.Use((http, next) =>
        {
            http.Items[RequestJournal.ArrivedKey] = clock.GetUtcNow();
            return next(http);
        });
        lightspeed.Map(app, "/lightspeed");
        pennylane.Map(app, "/pennylane");
        square.Map(app, "/square");
        var xero = new XeroSandbox(clock, journal);
        xero.Map(app, "/xero");
        MapControl(app, lightspeed, pennylane, square, xero);
        var host = new SandboxHost(app, lightspeed, pennylane, square, journal) { Xero = xero };
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        host.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return host;
    }

    /// <summary>Scripting from outside the process: POST /_sandbox/faults {vendor, route, kind, status, message, times, delay_ms,
    /// retry_after}.</summary>
    private static void MapControl(WebApplication app, LightspeedSandbox lightspeed, PennylaneSandbox pennylane, SquareSandbox square,
        XeroSandbox xero)
    {
        app.MapPost("/_sandbox/faults", async (HttpContext http) =>
        {
            var request = await http.Request.ReadFromJsonAsync<FaultRequest>();
            if (request is null || !Enum.TryParse<FaultKind>(request.Kind, ignoreCase: true, out var kind))
                return Results.BadRequest(new { error = "kind must be one of " + string.Join(", ", Enum.GetNames<FaultKind>()) });
            var plan = request.Vendor switch
            {
                LightspeedSandbox.Vendor => lightspeed.Faults,
                PennylaneSandbox.Vendor => pennylane.Faults,
                SquareSandbox.Vendor => square.Faults,
                XeroSandbox.Vendor => xero.Faults,
                _ => null,
            };
            if (plan is null) return Results.BadRequest(new { error = "vendor must be lightspeed, pennylane, square or xero" });
            plan.Next(request.Route, new Fault(kind, request.Status ?? 500, request.Message,
                TimeSpan.FromMilliseconds(request.DelayMs ?? 0), request.RetryAfter ?? 1), request.Times ?? 1);
            return Results.Ok(new { scripted = request.Times ?? 1 });
        });
        app.MapPost("/_sandbox/lightspeed/{account}/revoke", (string account) => { lightspeed.OAuth.RevokeAll(account); return Results.Ok(); });
        app.MapPost("/_sandbox/square/{merchant}/revoke", (string merchant) => { square.OAuth.RevokeAll(merchant); return Results.Ok(); });
        app.MapGet("/_sandbox/pennylane/{account}/entries", (string account) => Results.Ok(pennylane.Entries(account)));
    }

    private sealed record FaultRequest(string Vendor, string Route, string Kind, int? Status, string? Message, int? Times, int? DelayMs,
        int? RetryAfter);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
