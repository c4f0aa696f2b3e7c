using System.Globalization;
using System.Text.Json.Nodes;

namespace PosSync.Sandbox.Square;

/// <summary>
/// A Square order as a seller's till makes it, for tests and the demo: lines at a unit price in the
/// currency's smallest unit, taxes additive (added on top, North America) or inclusive (inside the
/// price, Europe), tenders with their tips, cash rounding, and returns of earlier sales with their
/// refunds. Square's computed fields (line and order totals, each tax's applied money, return
/// amounts) are computed here the way Square does, so a test writes what happened at the till and
/// reads back what Square would answer.
/// </summary>
public sealed class SquareOrderBuilder(string id, SquareLocation location, DateTimeOffset closedAt)
{
    private sealed record TaxRule(string Uid, string Name, decimal Percentage, bool Additive, string? CatalogId);
    private sealed record Line(string Uid, string Name, decimal Quantity, string QuantityText, long BasePrice, string? VariationId, string[] TaxUids,
        long Discount, string? DiscountName, string ItemType);
    private sealed record Charge(string Uid, string Name, long Amount, string[] TaxUids);
    private sealed record TenderRecord(string Id, string Type, long Amount, long Tip, string? CardStatus);
    private sealed record Returned(SquareOrderBuilder Sale, string LineUid, decimal Quantity, string QuantityText);
    private sealed record RefundRecord(string Id, string TenderId, long Amount, string Status, string Reason);
    private sealed record Amounts(long Gross, long Discount, IReadOnlyList<(TaxRule Tax, long Amount)> Taxes, long Total)
    {
        public long Tax => Taxes.Sum(t => t.Amount);
    }

    private readonly List<TaxRule> _taxes = [];
    private readonly List<Line> _lines = [];
    private readonly List<Charge> _charges = [];
    private readonly List<TenderRecord> _tenders = [];
    private readonly List<Returned> _returns = [];
    private readonly List<RefundRecord> _refunds = [];
    private readonly List<(string TenderId, long Amount)> _returnedTips = [];
    private DateTimeOffset? _createdAt;
    private long _rounding;
    private long _returnRounding;
    private string? _reference;

    public string Id { get; } = id;
    public SquareLocation Location { get; } = location;
    public DateTimeOffset ClosedAt { get; } = closedAt;

    /// <summary>When the ticket was opened (default: 30 minutes before it closed).</summary>
    public SquareOrderBuilder CreatedAt(DateTimeOffset at)
    {
        _createdAt = at;
        return this;
    }

    public SquareOrderBuilder Reference(string reference)
    {
        _reference = reference;
        return this;
    }

    /// <summary>A tax the order applies to the lines that name it; <paramref name="percentage"/> as Square writes it ("8.875").</summary>
    public SquareOrderBuilder Tax(string uid, string name, string percentage, bool additive, string? catalogId = null)
    {
        _taxes.Add(new TaxRule(uid, name, decimal.Parse(percentage, CultureInfo.InvariantCulture), additive, catalogId));
        return this;
    }

    /// <summary>
    /// A line: <paramref name="quantity"/> as Square's string, <paramref name="basePrice"/> one unit in the
    /// smallest unit (before additive taxes, after inclusive ones), an amount <paramref name="discount"/>
    /// taken off the line before tax. <paramref name="itemType"/> is ITEM, CUSTOM_AMOUNT or GIFT_CARD.
    /// </summary>
    public SquareOrderBuilder Item(string uid, string name, string quantity, long basePrice, string? variationId = null, string[]? taxes = null,
        long discount = 0, string? discountName = null, string itemType = "ITEM")
    {
        _lines.Add(new Line(uid, name, decimal.Parse(quantity, CultureInfo.InvariantCulture), quantity, basePrice, variationId, taxes ?? [], discount,
            discountName, itemType));
        return this;
    }

    /// <summary>A service charge added to the order (line-item treatment: it is not inside any line), taxed by the named taxes.</summary>
    public SquareOrderBuilder ServiceCharge(string uid, string name, long amount, params string[] taxes)
    {
        _charges.Add(new Charge(uid, name, amount, taxes));
        return this;
    }

    /// <summary>
    /// A tender of <paramref name="type"/> (CARD, CASH, SQUARE_GIFT_CARD, THIRD_PARTY_CARD, OTHER...):
    /// <paramref name="amount"/> without the tip; Square's amount_money will include the tip.
    /// <paramref name="cardStatus"/> for card tenders (default CAPTURED).
    /// </summary>
    public SquareOrderBuilder Tender(string tenderId, string type, long amount, long tip = 0, string? cardStatus = null)
    {
        _tenders.Add(new TenderRecord(tenderId, type, amount, tip, cardStatus));
        return this;
    }

    /// <summary>Cash rounding: what the till added to the order's total (negative when it rounded down).</summary>
    public SquareOrderBuilder Rounding(long amount)
    {
        _rounding = amount;
        return this;
    }

    /// <summary>Returns <paramref name="quantity"/> of a line of an earlier sale: this order becomes a return (or an exchange, with its own
    /// lines).</summary>
    public SquareOrderBuilder Return(SquareOrderBuilder sale, string lineUid, string quantity)
    {
        if (sale._lines.All(l => l.Uid != lineUid)) throw new ArgumentException($"order {sale.Id} has no line {lineUid}", nameof(lineUid));
        _returns.Add(new Returned(sale, lineUid, decimal.Parse(quantity, CultureInfo.InvariantCulture), quantity));
        return this;
    }

    /// <summary>A tip given back with a return, from the sale's tender it was paid with.</summary>
    public SquareOrderBuilder ReturnTip(string tenderId, long amount)
    {
        _returnedTips.Add((tenderId, amount));
        return this;
    }

    /// <summary>Cash rounding of the money given back (added to the refund: negative when rounded down).</summary>
    public SquareOrderBuilder ReturnRounding(long amount)
    {
        _returnRounding = amount;
        return this;
    }

    /// <summary>Money given back to the buyer on a sale's tender, returned tip included; status APPROVED, PENDING, REJECTED or FAILED.</summary>
    public SquareOrderBuilder Refund(string refundId, string tenderId, long amount, string status = "APPROVED", string reason = "Returned goods")
    {
        _refunds.Add(new RefundRecord(refundId, tenderId, amount, status, reason));
        return this;
    }

    /// <summary>The order as SearchOrders answers it.</summary>
    public JsonObject Build()
    {
        var currency = Location.Currency;
        JsonObject Money(long amount) => SquareMoney.Of(amount, currency);
        var lineAmounts = _lines.Select(l => (Line: l, Amounts: Compute(l.BasePrice, l.Quantity, l.Discount, TaxesOf(l.TaxUids)))).ToList();
        var chargeAmounts = _charges.Select(c => (Charge: c, Amounts: Compute(c.Amount, 1, 0, TaxesOf(c.TaxUids)))).ToList();
        var tips = _tenders.Sum(t => t.Tip);

        var order = new JsonObject
        {
            ["id"] = Id,
            ["location_id"] = Location.Id,
            ["source"] = new JsonObject { ["name"] = "Square Point of Sale" },
        };
        if (_reference is not null) order["reference_id"] = _reference;
        if (_lines.Count > 0) order["line_items"] = new JsonArray(lineAmounts.Select(x => (JsonNode)LineItem(x.Line, x.Amounts, Money)).ToArray());
        var applied = lineAmounts.SelectMany(x => x.Amounts.Taxes).Concat(chargeAmounts.SelectMany(x => x.Amounts.Taxes)).ToList();
        if (_taxes.Count > 0)
        {
            order["taxes"] = new JsonArray(_taxes.Select(t => (JsonNode)new JsonObject
            {
                ["uid"] = t.Uid,
                ["catalog_object_id"] = t.CatalogId,
                ["name"] = t.Name,
                ["type"] = t.Additive ? "ADDITIVE" : "INCLUSIVE",
                ["percentage"] = Percentage(t.Percentage),
                ["applied_money"] = Money(applied.Where(a => a.Tax.Uid == t.Uid).Sum(a => a.Amount)),
                ["scope"] = "LINE_ITEM",
            }).ToArray());
        }
        var discounted = lineAmounts.Where(x => x.Line.Discount != 0).ToList();
        if (discounted.Count > 0)
        {
            order["discounts"] = new JsonArray(discounted.Select(x => (JsonNode)new JsonObject
            {
                ["uid"] = DiscountUid(x.Line),
                ["name"] = x.Line.DiscountName ?? "Discount",
                ["type"] = "FIXED_AMOUNT",
                ["amount_money"] = Money(x.Line.Discount),
                ["applied_money"] = Money(x.Line.Discount),
                ["scope"] = "LINE_ITEM",
            }).ToArray());
        }
        if (_charges.Count > 0) order["service_charges"] = new JsonArray(chargeAmounts.Select(x => (JsonNode)ServiceCharge(x.Charge,
            x.Amounts, Money)).ToArray());
        if (_tenders.Count > 0) order["tenders"] = new JsonArray(_tenders.Select(t => (JsonNode)TenderJson(t, Money)).ToArray());
        if (_refunds.Count > 0) order["refunds"] = new JsonArray(_refunds.Select(r => (JsonNode)RefundJson(r, Money)).ToArray());

        var returned = _returns.Select(r => (Return: r, Amounts: ReturnAmounts(r))).ToList();
        var returnedTips = _returnedTips.Sum(t => t.Amount);
        if (_returns.Count > 0)
        {
            order["returns"] = new JsonArray(returned.GroupBy(r => r.Return.Sale.Id)
                .Select((sale, index) => (JsonNode)OrderReturn(sale.ToList(), index == 0, Money)).ToArray());
            var returnTotal = returned.Sum(r => r.Amounts.Total) + returnedTips + _returnRounding;
            order["return_amounts"] = new JsonObject
            {
                ["total_money"] = Money(returnTotal),
                ["tax_money"] = Money(returned.Sum(r => r.Amounts.Tax)),
                ["discount_money"] = Money(returned.Sum(r => r.Amounts.Discount)),
                ["tip_money"] = Money(returnedTips),
                ["service_charge_money"] = Money(0),
            };
        }
        if (_rounding != 0) order["rounding_adjustment"] = new JsonObject { ["uid"] = "rounding", ["name"] = "Cash rounding",
            ["amount_money"] = Money(_rounding) };

        var total = lineAmounts.Sum(x => x.Amounts.Total) + chargeAmounts.Sum(x => x.Amounts.Total) + _rounding + tips;
        var tax = lineAmounts.Sum(x => x.Amounts.Tax) + chargeAmounts.Sum(x => x.Amounts.Tax);
        var saleDiscount = lineAmounts.Sum(x => x.Amounts.Discount);
        if (_returns.Count > 0)
        {
            order["net_amounts"] = new JsonObject
            {
                ["total_money"] = Money(total - (returned.Sum(r => r.Amounts.Total) + returnedTips + _returnRounding)),
                ["tax_money"] = Money(tax - returned.Sum(r => r.Amounts.Tax)),
                ["discount_money"] = Money(saleDiscount - returned.Sum(r => r.Amounts.Discount)),
                ["tip_money"] = Money(tips - returnedTips),
                ["service_charge_money"] = Money(chargeAmounts.Sum(x => x.Amounts.Total)),
            };
        }
        order["created_at"] = SquareMoney.Time(_createdAt ?? ClosedAt.AddMinutes(-30));
        order["updated_at"] = SquareMoney.Time(ClosedAt);
        order["closed_at"] = SquareMoney.Time(ClosedAt);
        order["state"] = "COMPLETED";
        order["version"] = 4;
        order["total_money"] = Money(total);
        order["total_tax_money"] = Money(tax);
        order["total_discount_money"] = Money(saleDiscount);
        order["total_tip_money"] = Money(tips);
        order["total_service_charge_money"] = Money(chargeAmounts.Sum(x => x.Amounts.Gross));
        order["net_amount_due_money"] = Money(0);
        return order;
    }

    private IEnumerable<TaxRule> TaxesOf(string[] uids) => uids.Select(uid => _taxes.SingleOrDefault(t => t.Uid == uid)
        ?? throw new ArgumentException($"order {Id} has no tax {uid}", nameof(uids)));

    /// <summary>
    /// Square's arithmetic for one line: the gross sale is the unit price times the quantity; the
    /// discount comes off before tax; an additive tax is its percentage of that and comes on top; an
    /// inclusive tax is the share of its percentage inside it (all inclusive taxes together).
    /// </summary>
    private static Amounts Compute(long basePrice, decimal quantity, long discount, IEnumerable<TaxRule> taxes)
    {
        var rules = taxes.ToList();
        var gross = SquareMoney.Round(basePrice * quantity);
        var taxable = gross - discount;
        var inclusive = rules.Where(t => !t.Additive).Sum(t => t.Percentage);
        var applied = rules.Select(t => (t, t.Additive
            ? SquareMoney.Round(taxable * t.Percentage / 100m)
            : SquareMoney.Round(taxable * t.Percentage / (100m + inclusive)))).ToList();
        return new Amounts(gross, discount, applied, taxable + applied.Where(a => a.t.Additive).Sum(a => a.Item2));
    }

    private static JsonObject LineItem(Line line, Amounts amounts, Func<long, JsonObject> money)
    {
        var item = new JsonObject
        {
            ["uid"] = line.Uid,
            ["name"] = line.Name,
            ["quantity"] = line.QuantityText,
            ["item_type"] = line.ItemType,
        };
        if (line.VariationId is not null)
        {
            item["catalog_object_id"] = line.VariationId;
            item["catalog_version"] = 1;
            item["variation_name"] = "Regular";
        }
        item["base_price_money"] = money(line.BasePrice);
        item["variation_total_price_money"] = money(amounts.Gross);
        item["gross_sales_money"] = money(amounts.Gross);
        item["total_tax_money"] = money(amounts.Tax);
        item["total_discount_money"] = money(amounts.Discount);
        item["total_money"] = money(amounts.Total);
        item["total_service_charge_money"] = money(0);
        if (amounts.Taxes.Count > 0)
            item["applied_taxes"] = new JsonArray(amounts.Taxes.Select(a => (JsonNode)new JsonObject
            {
                ["uid"] = $"{line.Uid}-{a.Tax.Uid}", ["tax_uid"] = a.Tax.Uid, ["applied_money"] = money(a.Amount),
            }).ToArray());
        if (line.Discount != 0)
            item["applied_discounts"] = new JsonArray(new JsonObject
            {
                ["uid"] = $"{line.Uid}-discount", ["discount_uid"] = DiscountUid(line), ["applied_money"] = money(line.Discount),
            });
        return item;
    }

    private static string DiscountUid(Line line) => $"discount-{line.Uid}";

    private static JsonObject ServiceCharge(Charge charge, Amounts amounts, Func<long, JsonObject> money)
    {
        var json = new JsonObject
        {
            ["uid"] = charge.Uid,
            ["name"] = charge.Name,
            ["amount_money"] = money(charge.Amount),
            ["applied_money"] = money(charge.Amount),
            ["total_money"] = money(amounts.Total),
            ["total_tax_money"] = money(amounts.Tax),
            ["calculation_phase"] = "SUBTOTAL_PHASE",
            ["taxable"] = amounts.Taxes.Count > 0,
            ["type"] = "CUSTOM",
            ["treatment_type"] = "LINE_ITEM_TREATMENT",
            ["scope"] = "ORDER",
        };
        if (amounts.Taxes.Count > 0)
            json["applied_taxes"] = new JsonArray(amounts.Taxes.Select(a => (JsonNode)new JsonObject
            {
                ["uid"] = $"{charge.Uid}-{a.Tax.Uid}", ["tax_uid"] = a.Tax.Uid, ["applied_money"] = money(a.Amount),
            }).ToArray());
        return json;
    }

    private JsonObject TenderJson(TenderRecord tender, Func<long, JsonObject> money)
    {
        var json = new JsonObject
        {
            ["id"] = tender.Id,
            ["location_id"] = Location.Id,
            ["transaction_id"] = Id,
            ["created_at"] = SquareMoney.Time(ClosedAt),
            ["amount_money"] = money(tender.Amount + tender.Tip),
            ["tip_money"] = money(tender.Tip),
            ["type"] = tender.Type,
        };
        if (tender.Type is "CARD" or "SQUARE_GIFT_CARD")
        {
            json["card_details"] = new JsonObject
            {
                ["status"] = tender.CardStatus ?? "CAPTURED",
                ["card"] = new JsonObject { ["card_brand"] = tender.Type == "CARD" ? "VISA" : "SQUARE_GIFT_CARD", ["last_4"] = "1111" },
                ["entry_method"] = tender.Type == "CARD" ? "CONTACTLESS" : "SWIPED",
            };
        }
        if (tender.Type == "CASH")
            json["cash_details"] = new JsonObject { ["buyer_tendered_money"] = money(tender.Amount + tender.Tip), ["change_back_money"] = money(0) };
        if (tender.Type != "NO_SALE") json["payment_id"] = tender.Id;
        return json;
    }

    private JsonObject RefundJson(RefundRecord refund, Func<long, JsonObject> money) => new()
    {
        ["id"] = refund.Id,
        ["location_id"] = Location.Id,
        ["transaction_id"] = Id,
        ["tender_id"] = refund.TenderId,
        ["created_at"] = SquareMoney.Time(ClosedAt),
        ["reason"] = refund.Reason,
        ["amount_money"] = money(refund.Amount),
        ["status"] = refund.Status,
    };

    /// <summary>A returned line's amounts: the sale's arithmetic on the returned quantity, its discount in proportion.</summary>
    private static Amounts ReturnAmounts(Returned returned)
    {
        var line = returned.Sale._lines.Single(l => l.Uid == returned.LineUid);
        var discount = line.Quantity == 0 ? 0 : SquareMoney.Round(line.Discount * returned.Quantity / line.Quantity);
        return Compute(line.BasePrice, returned.Quantity, discount, returned.Sale.TaxesOf(line.TaxUids));
    }

    /// <summary>One OrderReturn per sale order returned from ("exactly one Return object per sale Order").</summary>
    private JsonObject OrderReturn(List<(Returned Return, Amounts Amounts)> lines, bool first, Func<long, JsonObject> money)
    {
        var sale = lines[0].Return.Sale;
        var taxUids = lines.SelectMany(l => l.Amounts.Taxes.Select(t => t.Tax)).DistinctBy(t => t.Uid).ToList();
        var json = new JsonObject
        {
            ["uid"] = $"return-{sale.Id}",
            ["source_order_id"] = sale.Id,
            ["return_line_items"] = new JsonArray(lines.Select(l =>
            {
                var line = sale._lines.Single(x => x.Uid == l.Return.LineUid);
                var item = new JsonObject
                {
                    ["uid"] = $"ret-{line.Uid}",
                    ["source_line_item_uid"] = line.Uid,
                    ["name"] = line.Name,
                    ["quantity"] = l.Return.QuantityText,
                    ["item_type"] = line.ItemType,
                };
                if (line.VariationId is not null)
                {
                    item["catalog_object_id"] = line.VariationId;
                    item["variation_name"] = "Regular";
                }
                item["base_price_money"] = money(line.BasePrice);
                item["variation_total_price_money"] = money(l.Amounts.Gross);
                item["gross_return_money"] = money(l.Amounts.Gross);
                item["total_tax_money"] = money(l.Amounts.Tax);
                item["total_discount_money"] = money(l.Amounts.Discount);
                item["total_money"] = money(l.Amounts.Total);
                if (l.Amounts.Taxes.Count > 0)
                    item["applied_taxes"] = new JsonArray(l.Amounts.Taxes.Select(a => (JsonNode)new JsonObject
                    {
                        ["uid"] = $"ret-{line.Uid}-{a.Tax.Uid}", ["tax_uid"] = $"ret-{a.Tax.Uid}", ["applied_money"] = money(a.Amount),
                    }).ToArray());
                return (JsonNode)item;
            }).ToArray()),
        };
        if (taxUids.Count > 0)
        {
            json["return_taxes"] = new JsonArray(taxUids.Select(t => (JsonNode)new JsonObject
            {
                ["uid"] = $"ret-{t.Uid}",
                ["source_tax_uid"] = t.Uid,
                ["name"] = t.Name,
                ["type"] = t.Additive ? "ADDITIVE" : "INCLUSIVE",
                ["percentage"] = Percentage(t.Percentage),
                ["applied_money"] = money(lines.Sum(l => l.Amounts.Taxes.Where(a => a.Tax.Uid == t.Uid).Sum(a => a.Amount))),
                ["scope"] = "LINE_ITEM",
            }).ToArray());
        }
        var tips = _returnedTips.Where(tip => sale._tenders.Any(t => t.Id == tip.TenderId)).ToList();
        if (tips.Count > 0)
            json["return_tips"] = new JsonArray(tips.Select(t => (JsonNode)new JsonObject
            {
                ["uid"] = $"ret-tip-{t.TenderId}", ["applied_money"] = money(t.Amount), ["source_tender_id"] = t.TenderId,
            }).ToArray());
        if (first && _returnRounding != 0)
            json["rounding_adjustment"] = new JsonObject { ["uid"] = "return-rounding", ["name"] = "Cash rounding",
                ["amount_money"] = money(_returnRounding) };
        return json;
    }

    private static string Percentage(decimal percentage) => percentage.ToString("0.####", CultureInfo.InvariantCulture);
}
