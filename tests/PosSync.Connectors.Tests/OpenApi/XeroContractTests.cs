using PosSync.Testing.OpenApi;

namespace PosSync.Connectors.Tests.OpenApi;

/// <summary>
/// The contract validator on the Xero Accounting operations the Xero connector will call, from samples
/// written after Xero's own schemas and examples: it passes what Xero's file allows and names what it does not.
/// </summary>
public class XeroContractTests
{
    private static readonly ContractValidator Xero = new(VendorSpecs.Xero);

    private const string Api = "https://api.xero.com/api.xro/2.0";

    private static readonly KeyValuePair<string, string>[] Headers =
    [
        new("Authorization", "Bearer eyJhbGciOi.xero-access"),
        new("xero-tenant-id", "70784a63-d24b-46a9-a4db-0e70a274b056"),
        new("Idempotency-Key", "POS-2025-03-14-R0"),
        new("Accept", "application/json"),
    ];

    private const string BookedDay = """
        {
          "ManualJournals": [
            {
              "Narration": "POS sales 2025-03-14 The Fox, Islington",
              "Date": "2025-03-14",
              "Status": "POSTED",
              "LineAmountTypes": "Inclusive",
              "ShowOnCashBasisReports": true,
              "JournalLines": [
                { "LineAmount": 1180.40, "AccountCode": "090", "Description": "Card" },
                { "LineAmount": 212.10, "AccountCode": "091", "Description": "Cash" },
                { "LineAmount": -1296.00, "AccountCode": "200", "TaxType": "OUTPUT2", "Description": "Sales food 20%" },
                { "LineAmount": -96.50, "AccountCode": "260", "TaxType": "OUTPUT2", "Description": "Tips",
                  "Tracking": [ { "Name": "Location", "Option": "Islington" } ] }
              ]
            }
          ]
        }
        """;

    private const string RefusedJournal = """
        {
          "Id": "45dfa608-0fcb-4f30-a377-c82cd348569c",
          "Status": "OK",
          "ProviderName": "PosSync",
          "DateTimeUTC": "/Date(1741950000000)/",
          "ManualJournals": [
            {
              "Date": "/Date(1741910400000+0000)/",
              "Status": "POSTED",
              "LineAmountTypes": "Inclusive",
              "Narration": "POS sales 2025-03-14 The Fox, Islington",
              "JournalLines": [
                { "LineAmount": 1180.40, "AccountCode": "090", "TaxType": "NONE", "TaxAmount": 0.00, "IsBlank": false, "Tracking": [] }
              ],
              "StatusAttributeString": "ERROR",
              "ValidationErrors": [ { "Message": "The total debits (1180.40) must equal total credits (-1296.00)" } ],
              "Warnings": [ { "Message": "Account code '476' has been removed as it does not match a recognised account." } ]
            }
          ]
        }
        """;

    private const string ChartOfAccounts = """
        {
          "Accounts": [
            { "AccountID": "ebd06280-af70-4bed-97c6-7451a454ad85", "Code": "090", "Name": "Card clearing", "Type": "BANK", "TaxType": "NONE",
              "Status": "ACTIVE", "Class": "ASSET", "EnablePaymentsToAccount": false, "BankAccountNumber": "20-00-00 12345678", "BankAccountType": "BANK",
              "CurrencyCode": "GBP", "HasAttachments": false, "UpdatedDateUTC": "/Date(1552357188083+0000)/" },
            { "AccountID": "7d05a53d-613d-4eb2-a2fc-dcb6adb80b80", "Code": "200", "Name": "Sales", "Type": "REVENUE", "TaxType": "OUTPUT2",
              "Status": "ACTIVE", "Class": "REVENUE", "ReportingCode": "REV.TRA.GOO", "ReportingCodeName": "Sale of goods",
              "Description": "Income from any normal business activity", "ShowInExpenseClaims": false, "AddToWatchlist": false }
          ]
        }
        """;

    [Test]
    public void A_booked_day_as_the_connector_will_send_it_keeps_to_createManualJournals()
    {
        var violations = Xero.ValidateRequest("PUT", $"{Api}/ManualJournals?summarizeErrors=false", Headers, BookedDay);

        ContractAssert.Passes(violations);
        Assert.That(Xero.FindOperation("PUT", $"{Api}/ManualJournals")?.OperationId, Is.EqualTo("createManualJournals"));
    }

    [Test]
    public void A_journal_line_with_its_amount_as_a_string_fails_on_its_type()
    {
        var body = BookedDay.Replace("\"LineAmount\": 212.10", "\"LineAmount\": \"212.10\"", StringComparison.Ordinal);

        var violations = Xero.ValidateRequest("PUT", $"{Api}/ManualJournals", Headers, body);

        var violation = ContractAssert.Fails(violations, "type", "/ManualJournals/0/JournalLines/1/LineAmount", "request body");
        Assert.That(
            violation.Message,
            Does.Contain("\"212.10\" is a string").And.Contain("number").And.Contain("#/components/schemas/ManualJournalLine/properties/LineAmount"));
        Assert.That(violations, Has.Count.EqualTo(1), ContractViolation.Describe(violations));
    }

    [Test]
    public void A_journal_without_the_tenant_header_fails_since_Xero_declares_it_required_on_every_path()
    {
        var tenant = VendorSpecs.Xero.Operation("PUT", "/ManualJournals").Parameters.Single(p => p.Name == "xero-tenant-id");
        Assert.That(
            (tenant.In, tenant.Required),
            Is.EqualTo(("header", true)),
            "the spec declares it at path level: #/components/parameters/requiredHeader");

        var violations = Xero.ValidateRequest("PUT", $"{Api}/ManualJournals", Headers.Where(h => h.Key != "xero-tenant-id"), BookedDay);

        ContractAssert.Fails(violations, "required", "", "header xero-tenant-id");
        Assert.That(violations, Has.Count.EqualTo(1), ContractViolation.Describe(violations));
    }

    [Test]
    public void Header_names_are_matched_whatever_their_case()
    {
        var shouted = Headers.Select(h => KeyValuePair.Create(h.Key.ToUpperInvariant(), h.Value));

        ContractAssert.Passes(Xero.ValidateRequest("PUT", $"{Api}/ManualJournals", shouted, BookedDay));
    }

    [Test]
    public void A_journal_without_its_narration_or_with_an_unknown_status_fails()
    {
        var noNarration = BookedDay.Replace("\"Narration\": \"POS sales 2025-03-14 The Fox, Islington\",", "", StringComparison.Ordinal);
        var booked = BookedDay.Replace("\"Status\": \"POSTED\"", "\"Status\": \"BOOKED\"", StringComparison.Ordinal);

        var missing = ContractAssert.Fails(
            Xero.ValidateRequest("PUT", $"{Api}/ManualJournals", Headers, noNarration),
            "required",
            "/ManualJournals/0");
        Assert.That(missing.Message, Does.Contain("Narration"));
        ContractAssert.Fails(Xero.ValidateRequest("PUT", $"{Api}/ManualJournals", Headers, booked), "enum", "/ManualJournals/0/Status");
    }

    [Test]
    public void A_journal_sending_a_field_Xero_sets_itself_fails_as_read_only()
    {
        var body = BookedDay.Replace(
            "\"ShowOnCashBasisReports\": true,",
            "\"ShowOnCashBasisReports\": true, \"HasAttachments\": false,",
            StringComparison.Ordinal);

        var violation = ContractAssert.Fails(
            Xero.ValidateRequest("PUT", $"{Api}/ManualJournals", Headers, body),
            "readOnly",
            "/ManualJournals/0/HasAttachments");
        Assert.That(violation.Message, Does.Contain("#/components/schemas/ManualJournal"));
    }

    [Test]
    public void A_journal_with_a_misspelt_field_fails_as_unknown()
    {
        var body = BookedDay.Replace("\"JournalLines\":", "\"JournalLine\": [], \"JournalLines\":", StringComparison.Ordinal);

        ContractAssert.Fails(Xero.ValidateRequest("PUT", $"{Api}/ManualJournals", Headers, body), "unknown field", "/ManualJournals/0/JournalLine");
    }

    [Test]
    public void Query_parameters_are_checked_by_name_and_by_the_type_their_schema_gives()
    {
        var undeclared = Xero.ValidateRequest("PUT", $"{Api}/ManualJournals?summarizeErrors=false&unitdp=4", Headers, BookedDay);
        var notBoolean = Xero.ValidateRequest("PUT", $"{Api}/ManualJournals?summarizeErrors=no", Headers, BookedDay);
        var notInteger = Xero.ValidateRequest("GET", $"{Api}/ManualJournals?page=first", Headers);

        ContractAssert.Fails(undeclared, "undeclared query parameter", "", "query parameter unitdp");
        ContractAssert.Fails(notBoolean, "type", "", "query parameter summarizeErrors");
        ContractAssert.Fails(notInteger, "type", "", "query parameter page");
        ContractAssert.Passes(
            Xero.ValidateRequest("GET", $"{Api}/ManualJournals?page=2&pageSize=100&order=Date%20ASC&where=Status%3D%3D%22POSTED%22", Headers));
    }

    [Test]
    public void A_200_carrying_ValidationErrors_keeps_to_the_ManualJournals_schema()
    {
        ContractAssert.Passes(Xero.ValidateResponse("PUT", $"{Api}/ManualJournals?summarizeErrors=false", 200, RefusedJournal));
        var example = VendorSpecs.Xero.Operation("PUT", "/ManualJournals").Response(200)!.Example()!;
        Assert.That(example.ToJsonString(), Does.Contain("ValidationErrors"), "Xero's own example of this answer carries ValidationErrors");
        ContractAssert.Passes(Xero.ValidateResponse("PUT", "/ManualJournals", 200, example.ToJsonString()), "Xero's own example");
    }

    [Test]
    public void A_400_in_Xero_s_error_shape_is_declared_and_the_same_answer_as_a_409_is_not()
    {
        const string Refusal = """
            {"ErrorNumber":10,"Type":"ValidationException","Message":"A validation exception occurred",
             "Elements":[{"ValidationErrors":[{"Message":"Account code '999' is not a valid code for this document."}]}]}
            """;

        ContractAssert.Passes(Xero.ValidateResponse("PUT", $"{Api}/ManualJournals", 400, Refusal));
        ContractAssert.Fails(
            Xero.ValidateResponse(
                "PUT",
                $"{Api}/ManualJournals",
                400,
                Refusal.Replace("\"ErrorNumber\":10", "\"ErrorNumber\":\"10\"", StringComparison.Ordinal)),
            "type",
            "/ErrorNumber");
        ContractAssert.Fails(Xero.ValidateResponse("PUT", $"{Api}/ManualJournals", 409, Refusal), "undeclared status code", "", "response 409");
    }

    [Test]
    public void The_chart_of_accounts_keeps_to_the_Accounts_schema_and_an_account_type_Xero_does_not_have_fails()
    {
        ContractAssert.Passes(Xero.ValidateRequest("GET", $"{Api}/Accounts?where=Status%3D%3D%22ACTIVE%22", Headers));
        ContractAssert.Passes(Xero.ValidateResponse("GET", $"{Api}/Accounts", 200, ChartOfAccounts));

        var income = ChartOfAccounts.Replace("\"Type\": \"REVENUE\"", "\"Type\": \"INCOME\"", StringComparison.Ordinal);
        var violation = ContractAssert.Fails(Xero.ValidateResponse("GET", $"{Api}/Accounts", 200, income), "enum", "/Accounts/1/Type");
        Assert.That(violation.Message, Does.Contain("#/components/schemas/AccountType"));
    }

    [Test]
    public void Xero_s_dates_in_Microsoft_JSON_form_pass_because_the_spec_types_them_as_plain_strings()
    {
        var updated = VendorSpecs.Xero.ComponentSchema("ManualJournal")["properties"]!["UpdatedDateUTC"]!.AsObject();
        Assert.That(updated.ContainsKey("format"), Is.False, "Xero marks them x-is-msdate-time, with no format");

        ContractAssert.Passes(Xero.ValidateResponse("GET", $"{Api}/Accounts", 200, ChartOfAccounts));
        ContractAssert.Passes(Xero.ValidateResponse("PUT", $"{Api}/ManualJournals", 200, RefusedJournal));
    }

    [Test]
    public void Formats_are_annotations_only_so_an_id_that_is_not_a_uuid_passes_its_type_check()
    {
        var notUuid = ChartOfAccounts.Replace(
            "\"AccountID\": \"ebd06280-af70-4bed-97c6-7451a454ad85\"",
            "\"AccountID\": \"acc-090\"",
            StringComparison.Ordinal);

        ContractAssert.Passes(Xero.ValidateResponse("GET", $"{Api}/Accounts", 200, notUuid));
    }

    [Test]
    public void Voiding_a_journal_reaches_the_templated_path_with_its_id()
    {
        const string Void = """{"ManualJournals":[{"Narration":"POS sales 2025-03-14 The Fox, Islington","Status":"VOIDED"}]}""";
        var url = $"{Api}/ManualJournals/0b159335-606b-485f-b51b-97b3b32bad32";

        Assert.That(Xero.FindOperation("POST", url)?.PathTemplate, Is.EqualTo("/ManualJournals/{ManualJournalID}"));
        ContractAssert.Passes(Xero.ValidateRequest("POST", url, Headers, Void));
        ContractAssert.Passes(Xero.ValidateResponse("GET", url, 200, RefusedJournal));
    }

    [Test]
    public void A_call_outside_the_spec_fails_as_an_unknown_operation()
    {
        var violation = ContractAssert.Fails(Xero.ValidateRequest("DELETE", $"{Api}/ManualJournals", Headers), "unknown operation");
        Assert.That(violation.Message, Does.Contain("DELETE /ManualJournals").And.Contain("/api.xro/2.0"));
        ContractAssert.Fails(Xero.ValidateRequest("GET", "https://api.xero.com/connections", Headers), "unknown operation");
    }
}
