"""Money (收款, T/CSCA 120031 4.3.4-4.3.5; issue #18.5): payments, refunds, receipts, the
settlement statement, the invoice and the cash report. Only the finance role writes here.
Other features use it only through app/finance/api.py."""
