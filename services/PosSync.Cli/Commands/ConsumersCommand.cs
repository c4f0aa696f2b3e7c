using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using PosSync.Cli.Output;
using PosSync.Cli.Support;
using PosSync.Domain.Configuration;
using PosSync.Pipeline.Operations;
using PosSync.Storage.Stores;
using static PosSync.Cli.Support.CliServices;

namespace PosSync.Cli.Commands;

/// <summary>possync consumers apply | find | show: a client's sync, as support finds and reads it.</summary>
public static class ConsumersCommand
{
    public static Command Create() => new("consumers", "Create or update a consumer, find one, read its page") { Apply(), Find(), Show() };

    private static Command Apply()
    {
        var file = new Option<FileInfo>("--file", "-f") { Description = "The consumer configuration (JSON or YAML)", Required = true };
        var by = new Option<string?>("--by") { Description = "Who applies it, as the history records it (default: the operating-system user)" };
        var command = new Command("apply",
            "Create or update a consumer from its configuration file (validated field by field); each change is recorded in its history")
        {
            file, by,
        };
        command.SetAction(async (result, cancel) =>
        {
            var path = result.GetValue(file)!;
            if (InputFiles.ReadConfiguration(path, Console.Error) is not { } content) return 1;
            var parsed = ConsumerConfigurationReader.ReadFile(path.Name, content);
            if (!parsed.IsValid)
            {
                InputFiles.Report(Console.Error, $"the configuration {path.Name}", parsed.Problems);
                return 1;
            }
            var changedBy = ChangedBy(result.GetValue(by));
            await using var services = await OpenAsync(result.GetValue(Data), cancel);
            // The full path: a relative one says nothing once read back from the history, from another folder.
            var applied = await services.GetRequiredService<ConsumerStates>().ApplyAsync(parsed.Value!, changedBy, path.FullName, cancel);
            var state = applied.State;
            if (result.GetValue(CliServices.Json))
            {
                Support.Output.Json(new
                {
                    consumer_id = state.Config.ConsumerId, created = applied.Created, enabled = state.Enablement.IsEnabled,
                    reasons = state.Enablement.Reasons.Select(r => r.Message), ignored = applied.IgnoredStatuses,
                    changes = applied.Changes.Select(c => new { field = c.Field, old_value = c.OldValue, new_value = c.NewValue }),
                });
                return 0;
            }
            Console.WriteLine($"Consumer {state.Config.ConsumerId} {(applied.Created ? "created" : "updated")}.");
            Console.WriteLine(ConfigurationHistoryText.Applied(applied.Created, applied.Changes));
            if (applied.IgnoredStatuses.Count > 0)
                Console.WriteLine($"Ignored {string.Join(" and ", applied.IgnoredStatuses)}: a connection's status is what PosSync " +
                    "records (stored credentials, a vendor's refusal), set by possync connect.");
            Console.WriteLine(state.Enablement.IsEnabled ? "Sync enabled." : $"Sync not enabled: {state.Enablement.Describe()}.");
            return 0;
        });
        return command;
    }

    /// <summary>Who the history says applied the file: --by when given (a ticket, a colleague's name), else the operating-system user.</summary>
    private static string ChangedBy(string? by)
    {
        if (by is null) return Environment.UserName;
        var name = by.Trim();
        if (name.Length == 0 || name.Length > 256 || name.Any(char.IsControl))
            throw new OperationRefusedException("--by must name who applies the configuration, in at most 256 characters.");
        return name;
    }

    private static Command Find()
    {
        var text = new Argument<string>("text") { Description = "Part of the sync name, of the creator's e-mail or of the id, in any case" };
        var command = new Command("find", "Find consumers by sync name or creator e-mail") { text };
        command.SetAction(async (result, cancel) =>
        {
            var query = result.GetValue(text)!;
            if (query.Trim().Length < 2) throw new OperationRefusedException("Search with at least 2 characters.");
            await using var services = await OpenAsync(result.GetValue(Data), cancel);
            var found = await services.GetRequiredService<ConsumerStore>().FindAsync(query, cancel);
            var states = services.GetRequiredService<ConsumerStates>();
            var rows = new List<(ConsumerConfiguration Config, bool Enabled)>();
            foreach (var config in found) rows.Add((config, (await states.GetAsync(config.ConsumerId, cancel)).Enablement.IsEnabled));
            if (result.GetValue(CliServices.Json))
            {
                Support.Output.Json(rows.Select(r => new
                {
                    consumer_id = r.Config.ConsumerId, name = r.Config.Name, created_by_email = r.Config.CreatedByEmail,
                    pos = r.Config.Pos?.Connector, accounting = r.Config.Accounting?.Connector, enabled = r.Enabled,
                }));
                return 0;
            }
            if (rows.Count == 0)
            {
                Console.WriteLine($"No consumer matches \"{query}\".");
                return 0;
            }
            var table = new Table("consumer", "name", "created by", "pos", "accounting", "sync");
            foreach (var (config, enabled) in rows)
                table.Row(config.ConsumerId, config.Name, config.CreatedByEmail, Connection(config.Pos), Connection(config.Accounting),
                    enabled ? "enabled" : "not enabled");
            table.WriteTo(Console.Out);
            return 0;
        });
        return command;
    }

    private static Command Show()
    {
        var id = new Argument<string>("consumer") { Description = "The consumer id" };
        var command = new Command("show", "The consumer page: connections, enabled or why not, issues, executions, requests, configuration") { id };
        command.SetAction(async (result, cancel) =>
        {
            await using var services = await OpenAsync(result.GetValue(Data), cancel);
            var page = await services.GetRequiredService<ConsumerPage>().ShowAsync(result.GetValue(id)!, 10, cancel);
            if (result.GetValue(CliServices.Json))
            {
                Support.Output.Json(new
                {
                    consumer_id = page.Config.ConsumerId, name = page.Config.Name, created_by_email = page.Config.CreatedByEmail,
                    connections = page.Connections, enabled = page.Enabled, disabled_reasons = page.DisabledReasons, issues = page.Issues,
                    last_execution = page.LastExecution, recent_executions = page.RecentExecutions, recent_requests = page.RecentRequests,
                    configuration = System.Text.Json.Nodes.JsonNode.Parse(page.ConfigurationJson),
                    configuration_history = page.History.Select(h => new
                    {
                        changed_at = h.ChangedAt, field = h.Field, old_value = h.OldValue, new_value = h.NewValue, changed_by = h.ChangedBy,
                            source = h.Source,
                        text = ConfigurationHistoryText.Line(h),
                    }),
                });
                return 0;
            }
            var c = page.Config;
            Console.WriteLine($"{c.Name} ({c.ConsumerId}), created by {c.CreatedByEmail}");
            var locations = c.Locations.Select(l => $"{l.Id} {l.Name} ({l.TimeZone.Id}, day ends {l.DayCutoff:hh\\:mm})");
            Console.WriteLine($"Locations: {string.Join(", ", locations)}");
            Console.WriteLine();
            var connections = new Table("connection", "tool", "status", "credentials");
            foreach (var v in page.Connections)
                connections.Row(v.Role, v.Connector, v.Status, v.CredentialsStored
                    ? $"stored{(v.AccessExpiresAt is { } e ? ", access token until " + Support.Output.Time(e) : "")}" : "-");
            connections.WriteTo(Console.Out);
            foreach (var v in page.Connections.Where(v => v.Reconnect is not null)) Console.WriteLine($"To connect the {v.Role} tool: {v.Reconnect}");
            Console.WriteLine();
            Console.WriteLine(page.Enabled ? "Sync: enabled" : "Sync: NOT enabled, because:");
            foreach (var reason in page.DisabledReasons) Console.WriteLine($"  - {reason}");
            if (page.Issues.Count > 0)
            {
                Console.WriteLine();
                var issues = new Table("issue", "status", "occurrences", "first seen", "last seen", "message");
                foreach (var i in page.Issues) issues.Row(i.Code, i.Status, i.Occurrences.ToString(), Support.Output.Time(i.FirstSeen),
                    Support.Output.Time(i.LastSeen), i.Message);
                issues.WriteTo(Console.Out, 80);
            }
            Console.WriteLine();
            Console.WriteLine(page.LastExecution is { } last
                ? $"Last execution: {last.BusinessDate:yyyy-MM-dd} {last.LocationId} {last.Status} {last.ErrorCode} " +
                    $"({Support.Output.Time(last.StartedAt)}, {last.ExecutionId})"
                : "Last execution: none yet");
            Console.WriteLine();
            Console.WriteLine("Recent executions:");
            ExecutionsCommand.Print(page.RecentExecutions);
            Console.WriteLine();
            Console.WriteLine("Recent requests:");
            RequestsCommand.Print(page.RecentRequests);
            Console.WriteLine();
            Console.WriteLine(page.History.Count == 0 ? "Configuration history: nothing recorded (applied before PosSync kept a history)"
                : "Configuration history (newest first):");
            foreach (var change in page.History.Reverse()) Console.WriteLine($"  {ConfigurationHistoryText.Line(change)}");
            Console.WriteLine();
            Console.WriteLine("Configuration (read-only; change it with possync consumers apply -f FILE):");
            Console.WriteLine(page.ConfigurationJson);
            return 0;
        });
        return command;
    }

    private static string Connection(Connection? connection) =>
        connection is null ? "-" : $"{connection.Connector} ({ConsumerConfigurationWriter.StatusWord(connection.Status)})";
}
