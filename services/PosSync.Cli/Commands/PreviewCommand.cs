using System.CommandLine;
using PosSync.Domain.Booking;
using PosSync.Domain.Configuration;
using PosSync.Domain.Days;
using PosSync.Cli.Support;
using PosSync.Domain.Preview;

namespace PosSync.Cli.Commands;

/// <summary>
/// possync preview --config FILE --day FILE: what the pipeline would do with that day, booking
/// nothing (booking-rules section 5). Exit 0, 2 when the day ends in error, 1 when an input is unusable.
/// </summary>
public static class PreviewCommand
{
    public const int InputUnusable = 1;
    public const int DayInError = 2;

    public static Command Create()
    {
        var config = new Option<FileInfo>("--config") { Description = "The consumer configuration (JSON or YAML)", Required = true };
        var day = new Option<FileInfo>("--day") { Description = "The closed day in the canonical JSON format", Required = true };
        var force = new Option<bool>("--force-before-start") { Description = "Book a day before the start date, as an operator may" };
        var command = new Command("preview", "Print, as JSON, the entry the pipeline would book for a day (books nothing)") { config, day, force };
        command.SetAction(result => Run(result.GetValue(config)!, result.GetValue(day)!, result.GetValue(force), Console.Out, Console.Error));
        return command;
    }

    public static int Run(FileInfo configFile, FileInfo dayFile, bool forceBeforeStart, TextWriter output, TextWriter errors)
    {
        var configBytes = InputFiles.ReadConfiguration(configFile, errors);
        var dayBytes = InputFiles.Read(dayFile, "day", errors);
        if (configBytes is null || dayBytes is null) return InputUnusable;

        var config = ConsumerConfigurationReader.ReadFile(configFile.Name, configBytes);
        var serviceDay = ServiceDayReader.ReadJson(dayBytes);
        if (!config.IsValid) InputFiles.Report(errors, $"the configuration {configFile.Name}", config.Problems);
        if (!serviceDay.IsValid) InputFiles.Report(errors, $"the day {dayFile.Name}", serviceDay.Problems);
        if (!config.IsValid || !serviceDay.IsValid) return InputUnusable;

        var outcome = DayPreview.Run(config.Value!, serviceDay.Value!, new BookingOptions { ForceBeforeStartDate = forceBeforeStart });
        output.WriteLine(BookingOutcomeJson.Write(outcome));
        return outcome.Status == BookingStatus.Error ? DayInError : 0;
    }
}
