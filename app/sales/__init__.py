"""The sale (销售, T/CSCA 120031 4.3, 4.4.2; issue #18): price list, deals, quotes, disclosure,
contracts and the delivery handover. Other features use it only through app/sales/api.py."""
