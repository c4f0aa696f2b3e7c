using System.Text.Json.Nodes;

namespace PosSync.Domain.Booking;

/// <summary>A business reason with a stable code support can search for, and details for the curious.</summary>
public sealed record BookingProblem(string Code, string Message, JsonObject? Details = null);
