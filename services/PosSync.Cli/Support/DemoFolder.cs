using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using PosSync.Connectors.Http;
using PosSync.Pipeline.Operations;

namespace PosSync.Cli.Support;

/// <summary>
/// A data folder made by possync demo talks to the demo's sandboxes only, never to a real vendor:
/// the demo records the sandbox endpoints in the folder, every command on the folder uses them,
/// and a command that would call a vendor refuses, saying how to start the sandboxes, when they
/// are not running or a setting points elsewhere.
/// </summary>
public static class DemoFolder
{
    public const string Marker = ".possync-demo";
    public const string VendorsFile = "sandbox-vendors.json";

    public static bool Is(string folder) => File.Exists(Path.Combine(folder, Marker));

    /// <summary>The folder a command works on: --data, Storage__DataDirectory, or the embedded default.</summary>
    public static string Resolve(string? dataDirectory) =>
        Path.GetFullPath(dataDirectory ?? Environment.GetEnvironmentVariable("Storage__DataDirectory") ?? ".possync");

    /// <summary>Writes the sandbox endpoints the demo used ("Vendors:Lightspeed:BaseUrl" = ...).</summary>
    public static void RecordVendors(string folder, IEnumerable<KeyValuePair<string, string>> vendorSettings)
    {
        var vendors = new JsonObject();
        foreach (var (key, value) in vendorSettings)
        {
            var parts = key.Split(':');
            if (parts is not ["Vendors", var vendor, var setting]) continue;
            ((vendors[vendor] ??= new JsonObject()).AsObject())[setting] = value;
        }
        File.WriteAllText(Path.Combine(folder, VendorsFile), new JsonObject { ["Vendors"] = vendors }.ToJsonString(new() { WriteIndented = true }));
    }

    /// <summary>The recorded endpoints, as a configuration source (the environment still overrides them).</summary>
    public static IConfigurationBuilder AddRecordedVendors(this IConfigurationBuilder builder, string? dataDirectory)
    {
        var file = Path.Combine(Resolve(dataDirectory), VendorsFile);
        return File.Exists(file) ? builder.AddJsonFile(file, optional: true, reloadOnChange: false) : builder;
    }

    /// <summary>
    /// Refuses, in one line, to let a demo folder reach anything but a running sandbox on loopback.
    /// <paramref name="callsVendors"/>: the command is about to call the vendors, so the sandbox must answer.
    /// </summary>
    public static void Guard(string? dataDirectory, VendorOptions vendors, bool callsVendors)
    {
        var folder = Resolve(dataDirectory);
        if (!Is(folder)) return;
        var endpoints = new[] { "lightspeed", "pennylane", "square", "xero" }.Select(c => (VendorOptions.SettingName(c), vendors.For(c)!)).ToList();
        var port = endpoints.Select(e => Uri.TryCreate(e.Item2.BaseUrl, UriKind.Absolute, out var u) && u.IsLoopback ? u.Port
            : 0).FirstOrDefault(p => p > 0);
        var start = port > 0 ? $"possync sandbox --port {port}" : "possync demo (again), or possync sandbox";
        foreach (var (name, endpoint) in endpoints)
        {
            foreach (var (setting, address) in new[] { ("BaseUrl", endpoint.BaseUrl), ("TokenPath", endpoint.TokenPath),
                ("AuthorizeUrl", endpoint.AuthorizeUrl) })
            {
                if (endpoint.Url(address) is { IsLoopback: false } elsewhere)
                    throw new OperationRefusedException($"{folder} is a demo folder, and Vendors:{name}:{setting} points at " +
                        $"{elsewhere.Host}: a demo folder only talks to the demo's sandboxes ({start}).");
            }
        }
        if (callsVendors && !Answers(port))
            throw new OperationRefusedException($"{folder} is a demo folder whose vendors are the demo's sandboxes, and they are not " +
                $"running: start them with `{start}` in another terminal, then run this again.");
    }

    private static bool Answers(int port)
    {
        if (port == 0) return false;
        try
        {
            using var client = new TcpClient();
            return client.ConnectAsync("127.0.0.1", port).Wait(TimeSpan.FromSeconds(1)) && client.Connected;
        }
        catch (AggregateException)
        {
            return false;
        }
    }
}
