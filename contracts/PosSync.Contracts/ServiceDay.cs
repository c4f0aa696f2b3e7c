using System.Text.Json.Serialization;

namespace PosSync.Contracts;

/// <summary>
/// The canonical closed day of one location (booking-rules section 2). Amounts are decimals with
/// at most 3 decimals; item totals include VAT and are net of the item's discounts; payment
/// totals exclude their tip.
/// </summary>
public sealed record ServiceDay
{
    public required string LocationId { get; init; }
    public required DateOnly BusinessDate { get; init; }
    public required Closure Closure { get; init; }
    public IReadOnlyList<Order> Orders { get; init; } = [];
}

[JsonConverter(typeof(JsonStringEnumConverter<ClosureStatus>))]
public enum ClosureStatus { Closed, Open }

public sealed record Closure(ClosureStatus Status);

[JsonConverter(typeof(JsonStringEnumConverter<OrderStatus>))]
public enum OrderStatus { Completed, Voided, Cancelled }

public sealed record Order
{
    public required string Id { get; init; }
    public string? OrderNumber { get; init; }
    public OrderStatus Status { get; init; } = OrderStatus.Completed;
    public DateTimeOffset? CreationDate { get; init; }
    public DateTimeOffset? ClosingDate { get; init; }
    public DateOnly? ServiceDate { get; init; }
    public required decimal Total { get; init; }
    public required decimal TaxAmount { get; init; }
    public decimal TotalDiscount { get; init; }
    public decimal TotalRefund { get; init; }
    public decimal TotalTip { get; init; }

    /// <summary>
    /// Cash rounding the POS recorded: the amount paid minus the amount payable (a Belgian till
    /// rounding 33.02 down to 33.00 records −0.02). Booked to the rounding accounts on a line of its own.
    /// </summary>
    public decimal Rounding { get; init; }

    public IReadOnlyList<OrderItem> Items { get; init; } = [];
    public IReadOnlyList<Payment> Payments { get; init; } = [];
}

public sealed record OrderItem
{
    public required string Id { get; init; }
    public string? Description { get; init; }
    public required decimal Quantity { get; init; }
    public required decimal UnitPrice { get; init; }
    public required decimal Total { get; init; }
    public required decimal TaxAmount { get; init; }
    public required decimal TaxRate { get; init; }
    public required string CategoryId { get; init; }

    /// <summary>The POS's name of the category, for people (entry labels); mappings use the id.</summary>
    public string? CategoryName { get; init; }
    public IReadOnlyList<ItemDiscount> Discounts { get; init; } = [];

    /// <summary>
    /// Several taxes on one item (a tax-exclusive location's state and city taxes), or empty when
    /// the item has one tax. When given, <see cref="TaxRate"/> is the combined rate (Σ rates) and
    /// <see cref="TaxAmount"/> the item's whole tax (Σ amounts), so code that needs only the item's
    /// VAT (exports, diagnostics) reads it as before; booking splits the VAT per component rate.
    /// </summary>
    public IReadOnlyList<ItemTax> Taxes { get; init; } = [];
}

/// <summary>One of several taxes on an item: its rate in percent and its amount inside the item total.</summary>
public sealed record ItemTax(decimal Rate, decimal Amount);

[JsonConverter(typeof(JsonStringEnumConverter<DiscountType>))]
public enum DiscountType { Unknown, Offered, Loss }

public sealed record ItemDiscount(string Name, decimal Total, DiscountType Type);

[JsonConverter(typeof(JsonStringEnumConverter<PaymentStatus>))]
public enum PaymentStatus { Completed, Authorised, Pending, Canceled, Failed, Unknown }

public sealed record Payment
{
    public required string Id { get; init; }
    public required string PaymentMethodId { get; init; }
    public string? PaymentMethodName { get; init; }
    public required decimal Total { get; init; }
    public decimal Tip { get; init; }
    public PaymentStatus Status { get; init; } = PaymentStatus.Completed;
}
