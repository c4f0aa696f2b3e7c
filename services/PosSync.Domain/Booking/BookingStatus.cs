namespace PosSync.Domain.Booking;

public enum BookingStatus { Booked, NothingToBook, Waiting, Skipped, Error }
