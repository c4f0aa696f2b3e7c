using System.CommandLine;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PosSync.Cli.Support;
using PosSync.Domain.Booking;
using PosSync.Pipeline.Operations;
using static PosSync.Cli.Support.CliServices;

namespace PosSync.Cli.Commands;

/// <summary>possync export orders: the order-level detail of a day, as a CSV support can hand over.</summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("consumer") { Description = "The consumer id" };
        var day = new Option<string>("--day") { Description = "The business day (yyyy-MM-dd)", Required = true };
        var location = new Option<string?>("--location") { Description = "The location (required when the consumer has several)" };
        var output = new Option<FileInfo>("--out") { Description = "The CSV file to write", Required = true };
        var orders = new Command("orders",
            "Orders, items, VAT, payments and tips of a day, with a totals row that equals the booked entry") { id, day, location, output };
        orders.SetAction(async (result, cancel) =>
        {
            var date = ParseDate(result.GetValue(day), "--day")!.Value;
            var file = result.GetValue(output)!;
            if (!Directory.Exists(file.DirectoryName))
                throw new OperationRefusedException($"--out: the folder {file.DirectoryName} does not exist.");
            await using var services = await OpenAsync(result.GetValue(Data), cancel);
            // Written aside and moved into place, so a failed export never leaves half a file under the name asked for.
            var temporary = file.FullName + ".tmp";
            ExportTotals totals;
            try
            {
                await using (var writer = new StreamWriter(temporary, false, new UTF8Encoding(true)))
                    totals = await services.GetRequiredService<OrdersExport>().WriteAsync(result.GetValue(id)!, date,
                        result.GetValue(location), writer, cancel);
                File.Move(temporary, file.FullName, overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new OperationRefusedException($"--out: cannot write {file.FullName}: {e.Message}");
            }
            finally
            {
                File.Delete(temporary);
            }
            if (result.GetValue(CliServices.Json)) Support.Output.Json(totals);
            else Console.WriteLine($"{file.FullName}: {totals.Orders} orders, {totals.Items} items, {totals.Payments} payments; sales " +
                $"{Money.Format(totals.Sales)} incl. VAT ({Money.Format(totals.Vat)} VAT), paid {Money.Format(totals.Paid)} + tips " +
                $"{Money.Format(totals.Tips)}.");
            return 0;
        });
        return new Command("export", "Support exports") { orders };
    }
}
