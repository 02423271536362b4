<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AssignDialog</name>
    <message numerus="yes">
        <source>The %n selected customer(s)</source>
        <translation>
            <numerusform>The %n selected customer</numerusform>
            <numerusform>The %n selected customers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All %n customer(s) without a successor</source>
        <translation>
            <numerusform>All %n customer without a successor</numerusform>
            <numerusform>All %n customers without a successor</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message numerus="yes">
        <source>The audit chain is intact (%n event(s)).</source>
        <translation>
            <numerusform>The audit chain is intact (%n event).</numerusform>
            <numerusform>The audit chain is intact (%n events).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CaseDialog</name>
    <message numerus="yes">
        <source>Legal notice: %n day(s) (%1) — the notice period ends on %2.</source>
        <translation>
            <numerusform>Legal notice: %n day (%1) — the notice period ends on %2.</numerusform>
            <numerusform>Legal notice: %n days (%1) — the notice period ends on %2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CaseScreen</name>
    <message numerus="yes">
        <source>in %n day(s)</source>
        <translation>
            <numerusform>in %n day</numerusform>
            <numerusform>in %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChecklistTab</name>
    <message numerus="yes">
        <source>%n item(s) · %1 open · %2 required still open</source>
        <translation>
            <numerusform>%n item · %1 open · %2 required still open</numerusform>
            <numerusform>%n items · %1 open · %2 required still open</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CommissionsPage</name>
    <message numerus="yes">
        <source>No commission plan covers %n salesperson(s), so they earn nothing: %1. Add them to a plan (Plans…) and compute again.</source>
        <translation>
            <numerusform>No commission plan covers %n salesperson, so they earn nothing: %1. Add them to a plan (Plans…) and compute again.</numerusform>
            <numerusform>No commission plan covers %n salespersons, so they earn nothing: %1. Add them to a plan (Plans…) and compute again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConfirmReceiptDialog</name>
    <message numerus="yes">
        <source>The %n selected customer(s)</source>
        <translation>
            <numerusform>The %n selected customer</numerusform>
            <numerusform>The %n selected customers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Everything waiting for confirmation (%n item(s))</source>
        <translation>
            <numerusform>Everything waiting for confirmation (%n item)</numerusform>
            <numerusform>Everything waiting for confirmation (%n items)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CustomerDetailPane</name>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Outstanding %1, overdue %2 (%n invoice(s)).</source>
        <translation>
            <numerusform>Outstanding %1, overdue %2 (%n invoice).</numerusform>
            <numerusform>Outstanding %1, overdue %2 (%n invoices).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CustomersTab</name>
    <message numerus="yes">
        <source>%n customer(s) · %1 without successor · %2 told · %3 confirmed · showing %4</source>
        <translation>
            <numerusform>%n customer · %1 without successor · %2 told · %3 confirmed · showing %4</numerusform>
            <numerusform>%n customers · %1 without successor · %2 told · %3 confirmed · showing %4</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeadlinesTab</name>
    <message numerus="yes">
        <source>%n month(s) unpaid: the employee may end the restriction.</source>
        <translation>
            <numerusform>%n month unpaid: the employee may end the restriction.</numerusform>
            <numerusform>%n months unpaid: the employee may end the restriction.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>overdue by %n day(s)</source>
        <translation>
            <numerusform>overdue by %n day</numerusform>
            <numerusform>overdue by %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>due in %n day(s)</source>
        <translation>
            <numerusform>due in %n day</numerusform>
            <numerusform>due in %n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EmployeePane</name>
    <message numerus="yes">
        <source>%1 (%n invoice(s))</source>
        <translation>
            <numerusform>%1 (%n invoice)</numerusform>
            <numerusform>%1 (%n invoices)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ListPage</name>
    <message numerus="yes">
        <source>Exported %n row(s) to %1</source>
        <translation>
            <numerusform>Exported %n row to %1</numerusform>
            <numerusform>Exported %n rows to %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ListPanel</name>
    <message numerus="yes">
        <source>%1 row(s)</source>
        <translation>
            <numerusform>%1 row</numerusform>
            <numerusform>%1 rows</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message numerus="yes">
        <source>%n row(s) found. Fields marked * are required; choose “ignore” for columns Baton does not need.</source>
        <translation>
            <numerusform>%n row found. Fields marked * are required; choose “ignore” for columns Baton does not need.</numerusform>
            <numerusform>%n rows found. Fields marked * are required; choose “ignore” for columns Baton does not need.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message numerus="yes">
        <source>%n row(s) checked: no problems, ready to import.</source>
        <translation>
            <numerusform>%n row checked: no problems, ready to import.</numerusform>
            <numerusform>%n rows checked: no problems, ready to import.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReceiptsPage</name>
    <message numerus="yes">
        <source>%n item(s) waiting for you</source>
        <translation>
            <numerusform>%n item waiting for you</numerusform>
            <numerusform>%n items waiting for you</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Confirm receipt of all %n item(s)? You become their owner or collector.</source>
        <translation>
            <numerusform>Confirm receipt of all %n item? You become their owner or collector.</numerusform>
            <numerusform>Confirm receipt of all %n items? You become their owner or collector.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewDetail</name>
    <message numerus="yes">
        <source>%n customer(s) without successor · %1 overdue receivables of the employee (%2)</source>
        <translation>
            <numerusform>%n customer without successor · %1 overdue receivables of the employee (%2)</numerusform>
            <numerusform>%n customers without successor · %1 overdue receivables of the employee (%2)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) without successor</source>
        <translation>
            <numerusform>%n customer without successor</numerusform>
            <numerusform>%n customers without successor</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) not yet told</source>
        <translation>
            <numerusform>%n customer not yet told</numerusform>
            <numerusform>%n customers not yet told</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n refused attempt(s) to book orders under the employee</source>
        <translation>
            <numerusform>%n refused attempt to book orders under the employee</numerusform>
            <numerusform>%n refused attempts to book orders under the employee</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue deadline(s)</source>
        <translation>
            <numerusform>%n overdue deadline</numerusform>
            <numerusform>%n overdue deadlines</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n month(s) of non-compete compensation unpaid</source>
        <translation>
            <numerusform>%n month of non-compete compensation unpaid</numerusform>
            <numerusform>%n months of non-compete compensation unpaid</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message numerus="yes">
        <source>Restore the backup made on %1 (%n row(s))?
%2

The current data is backed up first, then replaced. Changes made after the backup are lost.</source>
        <translation>
            <numerusform>Restore the backup made on %1 (%n row)?
%2

The current data is backed up first, then replaced. Changes made after the backup are lost.</numerusform>
            <numerusform>Restore the backup made on %1 (%n rows)?
%2

The current data is backed up first, then replaced. Changes made after the backup are lost.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All checks passed: encryption pages, database integrity, foreign keys, and the audit chain (%n event(s)).</source>
        <translation>
            <numerusform>All checks passed: encryption pages, database integrity, foreign keys, and the audit chain (%n event).</numerusform>
            <numerusform>All checks passed: encryption pages, database integrity, foreign keys, and the audit chain (%n events).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettlementPreview</name>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n item</numerusform>
            <numerusform>%n items</numerusform>
        </translation>
    </message>
</context>
</TS>
