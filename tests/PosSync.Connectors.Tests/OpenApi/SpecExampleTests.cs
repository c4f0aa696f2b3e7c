using System.Text.Json.Nodes;
using PosSync.Testing.OpenApi;

namespace PosSync.Connectors.Tests.OpenApi;

/// <summary>
/// The vendors' own examples, checked against the schemas they illustrate: a self-check of the OpenAPI 3.0
/// translation (nullable, $ref, readOnly...) on thousands of fields written by someone else. Examples that
/// contradict their own schema are listed here and in docs/contract-tests.md rather than hidden: the list
/// changes only when a spec file or the translation does.
/// </summary>
public class SpecExampleTests
{
    /// <summary>Each example of the spec: request bodies in the request direction, answers in the response direction.</summary>
    private static IEnumerable<(string Name, JsonNode Schema, JsonNode Example, SchemaDirection Direction)> Examples(OpenApiSpec spec)
    {
        foreach (var operation in spec.Operations)
        {
            if (operation.RequestBodySchema() is { } requestSchema
                && (operation.RequestBodyExample() ?? SchemaExample(spec, requestSchema)) is { } requestExample)
                yield return ($"{operation.Method} {operation.PathTemplate} request", requestSchema, requestExample, SchemaDirection.Request);
            foreach (var status in operation.StatusCodes)
            {
                if (!int.TryParse(status, out var code) || operation.Response(code) is not { } response || response.Schema() is not { } schema)
                    continue;
                if ((response.Example() ?? SchemaExample(spec, schema)) is { } example)
                    yield return ($"{operation.Method} {operation.PathTemplate} response {status}", schema, example, SchemaDirection.Response);
            }
        }
    }

    /// <summary>Square gives its examples on the component schemas rather than on the media types.</summary>
    private static JsonNode? SchemaExample(OpenApiSpec spec, JsonNode schema) => (spec.Resolve(schema) as JsonObject)?["example"];

    private static List<string> Failing(OpenApiSpec spec, out int count, out string details)
    {
        var validator = new ContractValidator(spec);
        var failing = new List<string>();
        var lines = new List<string>();
        count = 0;
        foreach (var (name, schema, example, direction) in Examples(spec))
        {
            count++;
            var violations = validator.ValidateSchema(schema, example.ToJsonString(), direction, name);
            if (violations.Count == 0) continue;
            failing.Add(name);
            lines.AddRange(violations.Select(v => v.ToString()));
        }
        details = string.Join(Environment.NewLine, lines);
        return failing;
    }

    // Each failing example with the first thing wrong in it (the test prints them all); "strict:" marks those that fail
    // only on PosSync's request rules (a field the schema does not declare, a read-only field sent), not on the schema itself.
    private static readonly string[] SquareExamplesThatContradictTheirSchema =
    [
        "GET /v2/bookings response 200", // cursor: null where the schema says string
        "POST /v2/catalog/search-catalog-items request", // min: a number where the schema says string or null
        "POST /v2/catalog/search-catalog-items response 200", // number_value: a number where the schema says string or null
        "GET /v2/disputes/{dispute_id}/evidence response 200", // filename: minLength
        "POST /v2/labor/scheduled-shifts/bulk-publish request", // "scheduled_shifts" missing
        "POST /v2/labor/scheduled-shifts/search request", // strict: scheduled_shift_status undeclared
        "PUT /v2/labor/timecards/{id} request", // strict: idempotency_key undeclared
        "POST /v2/locations/custom-attributes/bulk-delete request", // strict: read-only key sent
        "GET /v2/loyalty/programs response 200", // catalog_version: a string where the schema says integer or null
        "GET /v2/loyalty/programs/{program_id} response 200", // catalog_version: a string where the schema says integer or null
        "POST /v2/merchants/custom-attributes/bulk-delete request", // strict: read-only key sent
        "POST /v2/online-checkout/payment-links response 200", // type: "DIGITAL" not in the enum
        "POST /v2/orders/calculate request", // strict: idempotency_key undeclared
        "POST /v2/orders/custom-attributes/bulk-delete request", // strict: read-only key sent
        "PUT /v2/orders/{order_id} request", // "location_id" missing
        "POST /v2/payments response 200", // "status" missing
        "PUT /v2/payments/{payment_id} response 200", // "status" missing
        "POST /v2/payments/{payment_id}/cancel response 200", // "status" missing
        "POST /v2/team-members/bulk-update request", // strict: read-only is_owner sent
        "POST /v2/vendors/bulk-create request", // "ordinal" missing
        "POST /v2/vendors/bulk-create response 200", // "ordinal" missing
        "POST /v2/vendors/bulk-retrieve response 200", // "ordinal" missing
        "PUT /v2/vendors/bulk-update request", // "vendor" missing
        "POST /v2/vendors/create request", // "ordinal" missing
        "POST /v2/vendors/create response 200", // "ordinal" missing
        "POST /v2/vendors/search request", // strict: query undeclared
        "POST /v2/vendors/search response 200", // "ordinal" missing
        "GET /v2/vendors/{vendor_id} response 200", // "ordinal" missing
    ];

    private static readonly string[] XeroExamplesThatContradictTheirSchema =
    [
        "POST /Accounts/{AccountID} request", // strict: read-only Class sent
        "PUT /BankTransactions request", // strict: bankTransactions undeclared
        "POST /BankTransactions request", // "LineItems" missing
        "POST /BankTransactions/{BankTransactionID} request", // "LineItems" missing
        "PUT /BankTransfers request", // Amount: a string where the schema says number
        "GET /Budgets/{BudgetID} response 200", // Budgets: an object where the schema says array
        "PUT /Contacts request", // strict: read-only UpdatedDateUTC sent
        "POST /CreditNotes/{CreditNoteID} request", // strict: read-only SentToContact sent
        "DELETE /CreditNotes/{CreditNoteID}/Allocations/{AllocationID} response 200", // "Amount" missing
        "PUT /ExpenseClaims request", // strict: Lineitems undeclared
        "PUT /ExpenseClaims response 200", // ReceiptNumber: a number where the schema says string
        "GET /ExpenseClaims/{ExpenseClaimID} response 200", // ReceiptNumber: a number where the schema says string
        "POST /ExpenseClaims/{ExpenseClaimID} request", // strict: Lineitems undeclared
        "POST /ExpenseClaims/{ExpenseClaimID} response 200", // ReceiptNumber: a number where the schema says string
        "PUT /LinkedTransactions request", // strict: LinkedTransactions undeclared
        "DELETE /Overpayments/{OverpaymentID}/Allocations/{AllocationID} response 200", // "Amount" missing
        "GET /Payments response 200", // TotalAmount: a string where the schema says number
        "POST /Payments request", // strict: Payments undeclared
        "GET /Payments/{PaymentID} response 200", // TotalAmount: a string where the schema says number
        "POST /Payments/{PaymentID} request", // "Status" missing
        "DELETE /Prepayments/{PrepaymentID}/Allocations/{AllocationID} response 200", // "Amount" missing
        "PUT /Prepayments/{PrepaymentID}/History response 400", // the whole example is a string holding JSON
        "PUT /PurchaseOrders response 200", // Contact.Addresses[0]: null where the schema says object
        "POST /PurchaseOrders response 200", // Contact.Addresses[0]: null where the schema says object
        "GET /PurchaseOrders/{PurchaseOrderID} response 200", // Contact.Addresses[0]: null where the schema says object
        "POST /PurchaseOrders/{PurchaseOrderID} response 200", // Contact.Addresses[0]: null where the schema says object
        "GET /PurchaseOrders/{PurchaseOrderNumber} response 200", // Contact.Addresses[0]: null where the schema says object
        "GET /Receipts response 200", // ReceiptNumber: a number where the schema says string
        "PUT /Receipts request", // strict: Lineitems undeclared
        "PUT /Receipts response 200", // ReceiptNumber: a number where the schema says string
        "GET /Receipts/{ReceiptID} response 200", // ReceiptNumber: a number where the schema says string
        "POST /Receipts/{ReceiptID} request", // strict: Lineitems undeclared
        "POST /Receipts/{ReceiptID} response 200", // ReceiptNumber: a number where the schema says string
        "PUT /RepeatingInvoices request", // strict: DiscountEnteredAsPercent undeclared
        "POST /RepeatingInvoices request", // strict: DiscountEnteredAsPercent undeclared
        "POST /RepeatingInvoices/{RepeatingInvoiceID} request", // strict: Schedule undeclared
        "POST /Setup request", // strict: read-only SystemAccount sent
        "PUT /TrackingCategories request", // strict: name undeclared
        "PUT /TrackingCategories/{TrackingCategoryID}/Options request", // strict: name undeclared
        "POST /TrackingCategories/{TrackingCategoryID}/Options/{TrackingOptionID} request", // strict: name undeclared
    ];

    [Test]
    public void Square_s_examples_all_keep_to_their_schemas_but_the_28_known_to_contradict_them()
    {
        var failing = Failing(VendorSpecs.Square, out var count, out var details);

        Assert.That(count, Is.GreaterThan(400), "Square's file illustrates most of its bodies");
        Assert.That(failing, Is.EquivalentTo(SquareExamplesThatContradictTheirSchema), details);
    }

    [Test]
    public void Xero_s_examples_all_keep_to_their_schemas_but_the_40_known_to_contradict_them()
    {
        var failing = Failing(VendorSpecs.Xero, out var count, out var details);

        Assert.That(count, Is.GreaterThan(250), "Xero's file illustrates most of its bodies");
        Assert.That(failing, Is.EquivalentTo(XeroExamplesThatContradictTheirSchema), details);
    }

    [TestCase("square", "POST /v2/orders/search request")]
    [TestCase("square", "POST /v2/orders/search response 200")]
    [TestCase("square", "GET /v2/locations response 200")]
    [TestCase("square", "POST /oauth2/token request")]
    [TestCase("square", "POST /oauth2/token response 200")]
    [TestCase("square", "GET /v2/catalog/list response 200")]
    [TestCase("square", "POST /v2/catalog/search response 200")]
    [TestCase("xero", "PUT /ManualJournals request")]
    [TestCase("xero", "PUT /ManualJournals response 200")]
    [TestCase("xero", "GET /ManualJournals response 200")]
    [TestCase("xero", "GET /ManualJournals/{ManualJournalID} response 200")]
    [TestCase("xero", "POST /ManualJournals/{ManualJournalID} request")]
    [TestCase("xero", "GET /Accounts response 200")]
    [TestCase("xero", "GET /TaxRates response 200")]
    [TestCase("xero", "GET /TrackingCategories response 200")]
    public void The_vendor_s_example_for_a_call_PosSync_makes_keeps_to_its_schema(string vendor, string example)
    {
        var spec = vendor == "square" ? VendorSpecs.Square : VendorSpecs.Xero;
        var found = Examples(spec).Where(e => e.Name == example).ToList();
        Assert.That(found, Has.Count.EqualTo(1), $"{spec.Name} has one example for {example}");

        var (name, schema, value, direction) = found[0];
        ContractAssert.Passes(new ContractValidator(spec).ValidateSchema(schema, value.ToJsonString(), direction, name));
    }
}
