"""Customer care after the sale (客户关怀, T/CSCA 120031 4.5, 5.2.6-5.2.8; issue #19): follow-up
tasks, surveys, complaints, service recovery and public notices. Other features use it only
through app/customer_care/api.py."""
