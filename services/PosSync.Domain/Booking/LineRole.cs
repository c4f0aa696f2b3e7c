namespace PosSync.Domain.Booking;

/// <summary>
/// What a line stands for; the order here is the order lines are printed in. <see cref="CashRounding"/>
/// is the rounding the till recorded; <see cref="Rounding"/> the one the balance check adds.
/// </summary>
public enum LineRole { Payment, Discount, Complimentary, Revenue, Vat, Tips, CashRounding, Rounding, Difference }
