"""PDI screens: inspections, rectifications, templates, reports."""
