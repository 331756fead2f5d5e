"""Customer care after the sale (客户关怀, issue #19): follow-up tasks, satisfaction surveys,
service recovery. Other features use it only through app/customer_care/api.py."""
