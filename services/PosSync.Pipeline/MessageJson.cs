using System.Text.Json;
using PosSync.Domain.Days;

namespace PosSync.Pipeline;

/// <summary>
/// How the stages' messages are written (MassTransit's System.Text.Json options, one set per
/// process): compact, and the day in its canonical form, copied from the bytes the ingest stage
/// archived (<see cref="ServiceDayJsonConverter"/>).
/// </summary>
public static class MessageJson
{
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        // The day travels in the message: indented JSON would make it a third larger for nothing.
        options.WriteIndented = false;
        // Every bus of the process configures the same shared options again: one converter is enough.
        if (!options.Converters.OfType<ServiceDayJsonConverter>().Any()) options.Converters.Add(new ServiceDayJsonConverter());
        return options;
    }
}
