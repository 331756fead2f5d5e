"""The Finance page (issue #18.5): the cash desk's receipts, refunds and cash report."""
