"""The Sales page and its dialogs (issue #18): deal board, quote, disclosure, contract, handover."""
