using System.Globalization;
using MassTransit;
using PosSync.Cli.Output;
using PosSync.Cli.Support;
using PosSync.Connectors.Files;
using PosSync.Contracts;
using PosSync.Domain.Configuration;
using PosSync.Pipeline;
using PosSync.Sandbox;
using PosSync.ServiceDefaults;
using PosSync.Storage.Stores;
using PosSync.Domain.Outcomes;

namespace PosSync.Cli.Demo;

/// <summary>
/// The embedded default end to end: the vendor sandboxes on loopback, the three stages in one
/// process (in-memory transport, or RabbitMQ), SQLite in the data folder; the clients connect
/// their tools through OAuth, a week is pushed through, and every day's outcome is printed.
/// </summary>
/// <remarks>
/// <c>vendorClients</c> lets a test wrap the vendors' HTTP clients (a contract check under the Square and
/// Xero clients); the demo itself passes nothing.
/// </remarks>
public static class DemoRun
{
    private const string Marker = DemoFolder.Marker;

    public static async Task<DemoReport> ExecuteAsync(DemoSettings settings, TextWriter output, CancellationToken cancellationToken,
        Action<IServiceCollection>? vendorClients = null)
    {
        var folder = Path.GetFullPath(settings.DataDirectory);
        if (!PrepareFolder(folder, output)) return new DemoReport(1, [], folder, [], 0, 0, []);

        await using var sandbox = await SandboxHost.StartAsync(cancellationToken: cancellationToken);
        DemoSandbox.Seed(sandbox);
        DemoSquare.Seed(sandbox);
        var pubBooks = DemoXero.Seed(sandbox);
        using var host = BuildHost(settings, folder, sandbox, vendorClients);
        output.WriteLine($"PosSync demo: {settings.Transport} transport, data in {folder}");
        output.WriteLine($"Vendor sandboxes: Lightspeed {sandbox.LightspeedUrl}, Pennylane {sandbox.PennylaneUrl}, "
                         + $"Square {sandbox.SquareUrl}, Xero {sandbox.XeroUrl}");
        await StartAsync(host, cancellationToken);
        try
        {
            var services = host.Services;
            await ConnectClientsAsync(services, sandbox, folder, output, cancellationToken);

            var bus = services.GetRequiredService<IBus>();
            var runs = DemoWeek.Runs().Select(d => new DayRun
            {
                ExecutionId = NewId.NextGuid(), ConsumerId = d.ConsumerId, LocationId = d.LocationId, BusinessDate = d.Date,
                    Trigger = DayTrigger.Manual,
            }).ToList();
            foreach (var run in runs) await bus.Publish(new SyncServiceDay { Run = run }, cancellationToken);
            output.WriteLine($"Published {runs.Count} service days of {DemoWeek.Clients().Count} clients; waiting for the pipeline...");

            var latest = await RunProgress.WaitAsync(services.GetRequiredService<ExecutionLog>(), runs.Select(r => r.ExecutionId).ToList(),
                output, TimeSpan.FromMinutes(3), cancellationToken);
            var executions = runs.Select(run => latest[run.ExecutionId] ?? new ExecutionRecord
            {
                ExecutionId = run.ExecutionId, ConsumerId = run.ConsumerId, LocationId = run.LocationId, BusinessDate = run.BusinessDate,
                    Status = ExecutionStatus.Running,
            }).ToList();
            Print(executions, output);

            var files = services.GetRequiredService<FileConnectorOptions>();
            var requests = 0;
            foreach (var client in DemoWeek.Clients())
                requests += (await services.GetRequiredService<RequestLog>().ListAsync(client.Config.ConsumerId, null, null, 100_000,
                    cancellationToken)).Count;
            var pennylane = DemoSandbox.PennylaneEntries(sandbox);
            output.WriteLine();
            var bakeryFolder = Path.Combine(files.FecFolder, DemoWeek.Bakery);
            var bakeryFiles = Directory.Exists(bakeryFolder) ? string.Join(", ", Directory.GetFiles(bakeryFolder,
                "*.txt").Order(StringComparer.Ordinal)) : bakeryFolder;
            output.WriteLine($"Pennylane (sandbox) now holds {pennylane} ledger entries; the bakery's POS sales journal, an FEC-format " +
                $"file for its accountant to import (not the legal FEC), is {bakeryFiles}.");
            var journals = sandbox.Xero.Journals(pubBooks.TenantId);
            output.WriteLine($"Xero (sandbox) now holds {journals.Count} manual journals of {DemoXero.Organisation}, VAT derived by Xero: "
                             + DemoPubSummary.VatByTaxType(journals) + ".");
            output.WriteLine($"Every call to a vendor is in the request table: {requests} rows in {Path.Combine(folder, "possync.db")} " +
                "(table requests), with the executions and their events.");
            string? dayFile = null;
            if (executions.FirstOrDefault(e => e.ErrorCode == OutcomeCodes.SumMismatch) is { } failed)
            {
                // The mismatched day as a file, for preview.
                var day = DemoWeek.Days().Single(d => d.ConsumerId == failed.ConsumerId && d.LocationId == failed.LocationId
                    && d.Date == failed.BusinessDate);
                dayFile = Path.Combine(folder, "days", $"{day.ConsumerId}-{day.LocationId}-{day.Date:yyyy-MM-dd}.json");
                Directory.CreateDirectory(Path.GetDirectoryName(dayFile)!);
                await File.WriteAllTextAsync(dayFile, Domain.Days.ServiceDayWriter.Write(day.Day, indented: true), cancellationToken);
            }
            DemoNextSteps.Write(output, folder, executions, dayFile);
            var secrets = new[] { "lightspeed", "pennylane", "square", "xero" }.SelectMany(c => DemoSandbox.OAuth(sandbox, c).SecretsEverIssued());
            return new DemoReport(executions.All(e => e.IsFinished) ? 0 : 1, executions, folder, secrets.ToList(),
                CallsFromPosSync(sandbox), pennylane,
                journals);
        }
        finally
        {
            // Stopped by a signal, the demo's week is simply left unfinished (the next demo starts it
            // afresh): the host gets a moment, not the workers' 90 s.
            using var limit = cancellationToken.IsCancellationRequested ? new CancellationTokenSource(TimeSpan.FromSeconds(2))
                : new CancellationTokenSource();
            try
            {
                await host.StopAsync(limit.Token);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The process is ending anyway.
            }
        }
    }

    /// <summary>The demo over RabbitMQ with no broker at that address: one line naming it, as a worker would, not MassTransit's stack
    /// trace.</summary>
    private static async Task StartAsync(IHost host, CancellationToken cancellationToken)
    {
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (Exception e) when (BrokerUnreachable.IsConnectionFailure(e))
        {
            throw new Pipeline.Operations.OperationRefusedException(BrokerUnreachable.DescribeForCommand(e,
                host.Services.GetRequiredService<MessagingOptions>()));
        }
    }

    private static IHost BuildHost(DemoSettings settings, string folder, SandboxHost sandbox, Action<IServiceCollection>? vendorClients)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.Sources.Clear();
        var values = new Dictionary<string, string?>
        {
            ["Messaging:Transport"] = settings.Transport.ToString(),
            ["Messaging:RabbitMq:Host"] = settings.RabbitHost,
            ["Messaging:RabbitMq:Port"] = settings.RabbitPort.ToString(CultureInfo.InvariantCulture),
            // A shared broker may carry other runs: the demo's queues are its own and go away with it.
            ["Messaging:EndpointPrefix"] = settings.Transport == MessagingTransport.RabbitMq ? $"demo-{Guid.NewGuid():N}"[..13] : "",
            ["Messaging:TemporaryQueues"] = (settings.Transport == MessagingTransport.RabbitMq).ToString(),
            ["Storage:DataDirectory"] = folder,
        };
        foreach (var (name, url, oauth) in new[]
                 {
                     ("Lightspeed", sandbox.LightspeedUrl, sandbox.Lightspeed.OAuth), ("Pennylane", sandbox.PennylaneUrl, sandbox.Pennylane.OAuth),
                     ("Square", sandbox.SquareUrl, sandbox.Square.OAuth), ("Xero", sandbox.XeroUrl, sandbox.Xero.OAuth),
                 })
        {
            values[$"Vendors:{name}:BaseUrl"] = url;
            values[$"Vendors:{name}:ClientId"] = oauth.ClientId;
            values[$"Vendors:{name}:ClientSecret"] = oauth.ClientSecret;
            values[$"Vendors:{name}:RedirectUri"] = OAuthServer.DefaultRedirectUri;
            values[$"Vendors:{name}:TimeoutSeconds"] = "5";
            values[$"Vendors:{name}:TransientRetries"] = "2";
            values[$"Vendors:{name}:BackoffSeconds"] = "0.2";
        }
        // Xero's consent page and token endpoint are on other hosts than its API (login., identity.): in the sandbox, beside it.
        values["Vendors:Xero:AuthorizeUrl"] = "/identity/connect/authorize";
        values["Vendors:Xero:TokenPath"] = "/connect/token";
        builder.Configuration.AddInMemoryCollection(values);
        // Commands run on this folder later reach these sandboxes (the sandbox's own client, not a real one), never a real vendor.
        DemoFolder.RecordVendors(folder, values.Where(v => v.Value is not null && v.Key.StartsWith("Vendors:", StringComparison.Ordinal)
            && v.Key.Split(':')[2] is "BaseUrl" or "ClientId" or "ClientSecret" or "RedirectUri" or "AuthorizeUrl" or "TokenPath")!);
        builder.Logging.ClearProviders();
        // The table tells each day's story; the console only shows what went wrong with PosSync itself.
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning).AddFilter("PosSync", LogLevel.Error)
            .AddFilter("System.Net.Http", LogLevel.Error)
            // A broker that cannot be reached is said in one line (StartAsync), not in MassTransit's and the host's stack traces.
            .AddFilter("MassTransit", LogLevel.Error).AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        builder.AddPosSyncDefaults("possync-demo", bus => bus.AddAllStages());
        // Ctrl+C belongs to the command (StopSignal), not to the host.
        builder.Services.AddSingleton<IHostLifetime, CommandLifetime>();
        vendorClients?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>
    /// Each client saves its configuration and completes the OAuth consent of its tools (Square's token request in JSON,
    /// Xero's with PKCE; the Xero target then finds the organisation among those GET /connections lists); the café's
    /// owner then changes his Lightspeed password.
    /// </summary>
    private static async Task ConnectClientsAsync(IServiceProvider services, SandboxHost sandbox, string folder, TextWriter output,
        CancellationToken cancellationToken)
    {
        var consumers = services.GetRequiredService<ConsumerStore>();
        var reconnection = services.GetRequiredService<Reconnection>();
        var configFolder = Path.Combine(folder, "consumers");
        Directory.CreateDirectory(configFolder);
        foreach (var client in DemoWeek.Clients())
        {
            var config = client.Config;
            var file = Path.Combine(configFolder, config.ConsumerId + ".json");
            // Created as consumers apply creates one, so its history starts like a real client's.
            await consumers.SaveAsync(config, new ConfigurationChangeSet("possync demo", file, ConfigurationDiff.Between(null, config)),
                cancellationToken);
            await File.WriteAllTextAsync(file, ConsumerConfigurationWriter.Write(config, indented: true), cancellationToken);
            foreach (var (role, connection) in new[] { (ConnectorRole.Pos, config.Pos!), (ConnectorRole.Accounting, config.Accounting!) })
            {
                if (connection.Connector is not ("lightspeed" or "pennylane" or "square" or "xero")) continue;
                // The same consent as possync connect: the client's browser opens the page and lands back with the code.
                var (consent, problem) = reconnection.BeginConsent(config.ConsumerId, role, connection.Connector);
                var landed = consent is null ? null : await SandboxBrowser.GrantAsync(consent.Url, client.LoginAt(role), cancellationToken);
                problem ??= await reconnection.CompleteConsentAsync(config.ConsumerId, role, connection.Connector, landed!, consent!,
                    cancellationToken);
                if (problem is not null) throw new InvalidOperationException($"the demo could not connect {config.ConsumerId} to " +
                    $"{connection.Connector}: {problem}");
            }
        }
        sandbox.Lightspeed.OAuth.RevokeAll("acct-zinc");
        output.WriteLine("Clients connected their tools (OAuth); Café Le Zinc's owner has since changed his Lightspeed password.");
    }

    /// <summary>What the sandboxes answered PosSync itself: the consent pages were opened by the clients' browsers.</summary>
    private static int CallsFromPosSync(SandboxHost sandbox) =>
        sandbox.Journal.All().Count(r => !ConsentPages.Any(p => r.Path.Contains(p, StringComparison.Ordinal)));

    /// <summary>Where each sandbox's consent page is: Lightspeed and Pennylane, Square, Xero.</summary>
    private static readonly string[] ConsentPages = ["/oauth/authorize", "/oauth2/authorize", "/identity/connect/authorize"];

    /// <summary>The demo starts clean, but never wipes a folder it did not create.</summary>
    private static bool PrepareFolder(string folder, TextWriter output)
    {
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            if (!File.Exists(Path.Combine(folder, Marker)))
            {
                output.WriteLine($"error: {folder} is not empty and was not made by possync demo; pass --data with an empty or demo folder.");
                return false;
            }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
        try
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, Marker), "Made by possync demo; the next demo run clears this folder.\n");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            output.WriteLine($"error: the data folder {folder} cannot be used: {e.Message}");
            return false;
        }
    }

    private static void Print(IEnumerable<ExecutionRecord> executions, TextWriter output)
    {
        var table = new Table("consumer", "location", "day", "status", "entry", "error");
        foreach (var e in executions.OrderBy(e => e.ConsumerId).ThenBy(e => e.LocationId).ThenBy(e => e.BusinessDate))
        {
            var problem = e.Status == ExecutionStatus.Success ? null : $"{e.ErrorCode} {e.ErrorMessage}".Trim();
            table.Row(e.ConsumerId, e.LocationId, e.BusinessDate.ToString("yyyy-MM-dd"), e.Status.Word, e.EntryNumber, problem);
        }
        output.WriteLine();
        // Wrapped, not cut: the code comes first and the message's end says what to look at ("possible unrecorded tip").
        table.WriteTo(output, maxCellWidth: 72, wrap: true);
    }
}
