"""Who may do what: the role-to-action matrix, declared once (roles are data, the matrix is code).

Every service action calls `require(actor, Action.X)`; the UI only hides what `can()` refuses.
A parametrised test walks every action for every role against this table.
"""

from __future__ import annotations

from enum import StrEnum

from app.core.errors import PermissionDenied
from db.models import Role


class Action(StrEnum):
    VIEW_VEHICLES = "view_vehicles"
    EDIT_VEHICLES = "edit_vehicles"
    CHANGE_VEHICLE_STATUS = "change_vehicle_status"
    IMPORT_VEHICLES = "import_vehicles"
    EXPORT_VEHICLES = "export_vehicles"
    OVERRIDE_VIN_CHECK = "override_vin_check"
    DELIVER_VEHICLE = "deliver_vehicle"
    VIEW_STAFF = "view_staff"
    MANAGE_USERS = "manage_users"
    EDIT_STORE = "edit_store"
    VIEW_DOCUMENTS = "view_documents"
    ISSUE_DOCUMENTS = "issue_documents"
    ISSUE_STORE_NOTICE = "issue_store_notice"
    VOID_DOCUMENTS = "void_documents"
    PRINT_DOCUMENTS = "print_documents"
    MANAGE_CERTIFICATE = "manage_certificate"

    # Reception (issue #4)
    CHECK_IN_VISITORS = "check_in_visitors"
    VIEW_QUEUE = "view_queue"
    OVERRIDE_ASSIGNMENT = "override_assignment"
    SERVE_VISITORS = "serve_visitors"
    MANAGE_DUTY = "manage_duty"
    SET_OWN_AWAY = "set_own_away"
    MANAGE_CUSTOMERS = "manage_customers"
    VIEW_LEADS = "view_leads"
    EDIT_LEADS = "edit_leads"
    REASSIGN_LEADS = "reassign_leads"
    MANAGE_APPOINTMENTS = "manage_appointments"
    RECEPTION_REPORTS = "reception_reports"
    MANAGE_CHANNELS = "manage_channels"
    MANAGE_CONSENT_TEXTS = "manage_consent_texts"

    # Showroom floor and vehicle cards (issue #5)
    VIEW_SHOWROOM = "view_showroom"
    ISSUE_CARDS = "issue_cards"
    MANAGE_FLOOR = "manage_floor"
    MANAGE_PROMOTIONS = "manage_promotions"

    # Test drives (issue #6, 试乘试驾)
    VIEW_TEST_DRIVES = "view_test_drives"
    MANAGE_TEST_DRIVE_ROUTES = "manage_test_drive_routes"
    MANAGE_TEST_DRIVE_FLEET = "manage_test_drive_fleet"
    BOOK_TEST_DRIVES = "book_test_drives"
    CONDUCT_TEST_DRIVES = "conduct_test_drives"
    OVERRIDE_TEST_DRIVE_WEATHER = "override_test_drive_weather"

    # PDI (issue #7, 新车售前检查)
    VIEW_PDI = "view_pdi"
    RECORD_PDI = "record_pdi"
    MANAGE_PDI_TEMPLATES = "manage_pdi_templates"

    # Security and privacy (issue #9)
    VIEW_AUDIT_LOG = "view_audit_log"
    UNMASK_PERSONAL_DATA = "unmask_personal_data"
    MANAGE_PERSONAL_DATA = "manage_personal_data"

    # Trust (issue #15.9): backups hold every record of the store, restores replace them all.
    MANAGE_BACKUPS = "manage_backups"

    # Complaints (issue #19.3, T/CSCA 120031 4.5.2, 5.2.7)
    CLOSE_COMPLAINTS = "close_complaints"
    HANDLE_COMPLAINTS = "handle_complaints"
    MANAGE_WORKING_CALENDAR = "manage_working_calendar"
    QUERY_COMPLAINT_PROGRESS = "query_complaint_progress"
    RECEIVE_COMPLAINTS = "receive_complaints"
    VIEW_COMPLAINTS = "view_complaints"

    # Sales to delivery (issue #18, T/CSCA 120031 4.3, 4.4.2)
    VIEW_PRICE_LIST = "view_price_list"
    MANAGE_PRICE_LIST = "manage_price_list"
    VIEW_DEALS = "view_deals"
    SELL = "sell"  # quote, disclosure, contract, delivery appointment, handover
    APPROVE_DISCOUNTS = "approve_discounts"
    END_CONTRACTS = "end_contracts"  # cancel or terminate a signed contract
    RECORD_PAYMENTS = "record_payments"  # money in and out, invoice, settlement: finance only
    APPROVE_REFUNDS = "approve_refunds"
    VIEW_PAYMENTS = "view_payments"

    # Customer care after the sale (issue #19, T/CSCA 120031 3.14, 3.18, 4.5, 5.2.8)
    VIEW_CARE_TASKS = "view_care_tasks"
    RECORD_CARE_CALLS = "record_care_calls"
    MANAGE_CARE_SETTINGS = "manage_care_settings"
    RECORD_SURVEYS = "record_surveys"
    EXPORT_SURVEYS = "export_surveys"
    MANAGE_RECOVERY = "manage_recovery"
    APPROVE_COMPENSATION = "approve_compensation"

    # Management figures and certification (issue #20, T/CSCA 120031 5.2.1, ch. 3, ch. 6)
    VIEW_KPIS = "view_kpis"
    MANAGE_KPI_TARGETS = "manage_kpi_targets"
    BUILD_EVIDENCE_PACK = "build_evidence_pack"


R = Role
A = Action

MATRIX: dict[Action, frozenset[Role]] = {
    A.VIEW_VEHICLES: frozenset({R.RECEPTION, R.CONSULTANT, R.SALES_MANAGER, R.FINANCE, R.PDI_TECHNICIAN, R.ADMIN}),
    A.EDIT_VEHICLES: frozenset({R.SALES_MANAGER, R.ADMIN}),
    A.CHANGE_VEHICLE_STATUS: frozenset({R.CONSULTANT, R.SALES_MANAGER, R.ADMIN}),
    A.IMPORT_VEHICLES: frozenset({R.SALES_MANAGER, R.ADMIN}),
    A.EXPORT_VEHICLES: frozenset({R.SALES_MANAGER, R.FINANCE, R.ADMIN}),
    # domain_reference §5.2: a check-digit mismatch is overridable by a manager only.
    A.OVERRIDE_VIN_CHECK: frozenset({R.SALES_MANAGER}),
    # 4.4.2: the consultant who sold the car hands it over (their own deals, checked in the
    # service); the manager any.
    A.DELIVER_VEHICLE: frozenset({R.CONSULTANT, R.SALES_MANAGER}),
    A.VIEW_STAFF: frozenset({R.SALES_MANAGER, R.ADMIN}),
    A.MANAGE_USERS: frozenset({R.ADMIN}),
    A.EDIT_STORE: frozenset({R.ADMIN}),
    # Everyone who serves a customer may need to show, verify or hand over a document again.
    A.VIEW_DOCUMENTS: frozenset({R.RECEPTION, R.CONSULTANT, R.SALES_MANAGER, R.FINANCE, R.PDI_TECHNICIAN, R.ADMIN}),
    # Issuing follows who produces documents: consultants (test-drive agreements, vehicle
    # cards), PDI technicians (PDI reports, T/CSCA 120031 4.4.1.3), managers and the admin.
    # Finance issues the receipt vouchers and settlement statements it records (4.3.4-4.3.5,
    # issue #18.5). Reception only shows and prints what others issued.
    A.ISSUE_DOCUMENTS: frozenset({R.CONSULTANT, R.SALES_MANAGER, R.FINANCE, R.PDI_TECHNICIAN, R.ADMIN}),
    # The store notice (4.1.3.5) is the store's own public statement: management only.
    A.ISSUE_STORE_NOTICE: frozenset({R.SALES_MANAGER, R.ADMIN}),
    # Voiding (and so replacing) a signed document is a manager's decision, with a reason.
    A.VOID_DOCUMENTS: frozenset({R.SALES_MANAGER, R.ADMIN}),
    A.PRINT_DOCUMENTS: frozenset({R.RECEPTION, R.CONSULTANT, R.SALES_MANAGER, R.FINANCE, R.PDI_TECHNICIAN, R.ADMIN}),
    # The store's seal: creating, importing and exporting its signing certificate.
    A.MANAGE_CERTIFICATE: frozenset({R.ADMIN}),
    # --- Reception (issue #4) ---
    # T/CSCA 120031 4.2.1.1: the front desk (展厅前台) receives and routes visitors; the sales
    # manager stands in for it.
    A.CHECK_IN_VISITORS: frozenset({R.RECEPTION, R.SALES_MANAGER}),
    # The live queue board is on every showroom-floor terminal.
    A.VIEW_QUEUE: frozenset({R.RECEPTION, R.CONSULTANT, R.SALES_MANAGER}),
    # Choosing a consultant by hand instead of the rotation (a reason is always recorded).
    A.OVERRIDE_ASSIGNMENT: frozenset({R.RECEPTION, R.SALES_MANAGER}),
    # Starting and ending visits: consultants their own (checked in the service), managers all.
    A.SERVE_VISITORS: frozenset({R.CONSULTANT, R.SALES_MANAGER}),
    # Today's roster and anyone's away flag; consultants mark only themselves (SET_OWN_AWAY).
    A.MANAGE_DUTY: frozenset({R.RECEPTION, R.SALES_MANAGER}),
    A.SET_OWN_AWAY: frozenset({R.CONSULTANT}),
    # Looking a customer up by mobile, recording and withdrawing consent (PIPL art. 15: easy
    # withdrawal, so everyone who talks to customers can record it).
    A.MANAGE_CUSTOMERS: frozenset({R.RECEPTION, R.CONSULTANT, R.SALES_MANAGER}),
    # Leads (意向, 4.2.3.2): consultants see and edit their own only (checked in the service),
    # managers all; only a manager moves a customer or lead to another consultant.
    A.VIEW_LEADS: frozenset({R.CONSULTANT, R.SALES_MANAGER}),
    A.EDIT_LEADS: frozenset({R.CONSULTANT, R.SALES_MANAGER}),
    A.REASSIGN_LEADS: frozenset({R.SALES_MANAGER}),
    # Appointments of invited customers: the desk and managers any, consultants their own.
    A.MANAGE_APPOINTMENTS: frozenset({R.RECEPTION, R.CONSULTANT, R.SALES_MANAGER}),
    # Traffic reports, month snapshots and the 5.2.1 c)/e) KPIs (3.12, 3.13).
    A.RECEPTION_REPORTS: frozenset({R.SALES_MANAGER}),
    A.MANAGE_CHANNELS: frozenset({R.SALES_MANAGER, R.ADMIN}),
    # PIPL art. 14, 17: the consent notice is a legal text, published by the administrator.
    A.MANAGE_CONSENT_TEXTS: frozenset({R.ADMIN}),
    # --- Showroom floor and vehicle cards (issue #5) ---
    # The board (which displayed car needs a card) is for everyone who sees the inventory.
    A.VIEW_SHOWROOM: frozenset({R.RECEPTION, R.CONSULTANT, R.SALES_MANAGER, R.FINANCE, R.PDI_TECHNICIAN, R.ADMIN}),
    # T/CSCA 120031 4.2.1.2 一车一卡: consultants keep the cards on their cars current; a
    # re-issue replaces the previous version without a manager (app/showroom/cards.py).
    A.ISSUE_CARDS: frozenset({R.CONSULTANT, R.SALES_MANAGER, R.ADMIN}),
    # Moving cars on the floor: consultants may already put a car on display.
    A.MANAGE_FLOOR: frozenset({R.CONSULTANT, R.SALES_MANAGER, R.ADMIN}),
    # Promotions and the charging-pile offer are commercial terms (4.3.2.1, 4.1.3.5).
    A.MANAGE_PROMOTIONS: frozenset({R.SALES_MANAGER}),
    # --- Test drives (issue #6, T/CSCA 120031 4.2.4) ---
    # The calendar is on every showroom-floor terminal; the desk books walk-in slots.
    A.VIEW_TEST_DRIVES: frozenset({R.RECEPTION, R.CONSULTANT, R.SALES_MANAGER}),
    # Routes are filed with the traffic police (4.2.4.3) and the fleet's insurance and
    # inspection (4.2.4.8) are the store's responsibility: management.
    A.MANAGE_TEST_DRIVE_ROUTES: frozenset({R.SALES_MANAGER, R.ADMIN}),
    A.MANAGE_TEST_DRIVE_FLEET: frozenset({R.SALES_MANAGER, R.ADMIN}),
    A.BOOK_TEST_DRIVES: frozenset({R.RECEPTION, R.CONSULTANT, R.SALES_MANAGER}),
    # Qualifying the customer, pre-departure check, agreement, start and return: the
    # consultant who accompanies the customer (4.2.4.4), or a manager.
    A.CONDUCT_TEST_DRIVES: frozenset({R.CONSULTANT, R.SALES_MANAGER}),
    # 4.2.4.7: a drive in storm, heavy rain, heavy snow or dense fog needs a manager's reason.
    A.OVERRIDE_TEST_DRIVE_WEATHER: frozenset({R.SALES_MANAGER}),
    # --- PDI (issue #7, T/CSCA 120031 4.4.1) ---
    A.VIEW_PDI: frozenset({R.CONSULTANT, R.SALES_MANAGER, R.PDI_TECHNICIAN, R.ADMIN}),
    # 4.4.1.3: only certified technicians record inspection results (certificate checked in
    # the service).
    A.RECORD_PDI: frozenset({R.PDI_TECHNICIAN}),
    A.MANAGE_PDI_TEMPLATES: frozenset({R.ADMIN}),
    # --- Security and privacy (issue #9, PIPL) ---
    A.VIEW_AUDIT_LOG: frozenset({R.SALES_MANAGER, R.ADMIN}),
    # Seeing an ID or licence number in clear needs a reason and is logged.
    A.UNMASK_PERSONAL_DATA: frozenset({R.SALES_MANAGER}),
    # Access, export and deletion requests of a customer (PIPL art. 45, 47); retention purge.
    A.MANAGE_PERSONAL_DATA: frozenset({R.SALES_MANAGER, R.ADMIN}),
    # --- Trust (issue #15.9) ---
    # A backup is a copy of every customer's data (PIPL art. 51: access control), a restore
    # replaces the whole database: its own right, not the store details' EDIT_STORE.
    A.MANAGE_BACKUPS: frozenset({R.ADMIN}),
    # --- Complaints (issue #19.3, T/CSCA 120031 4.5.2) ---
    # 3.16: closing needs a result and the customer's confirmation; the manager signs it off.
    A.CLOSE_COMPLAINTS: frozenset({R.SALES_MANAGER}),
    # Notes, first response and reply: the handler named on the complaint (checked in the
    # service), or a manager or customer care (客服) on anyone's.
    A.HANDLE_COMPLAINTS: frozenset({R.CONSULTANT, R.SALES_MANAGER, R.CUSTOMER_CARE}),
    # The store's corrections to the holiday calendar the 7 working days are counted in.
    A.MANAGE_WORKING_CALENDAR: frozenset({R.SALES_MANAGER, R.ADMIN}),
    # 5.2.7: whoever meets the customer answers "where is my complaint" by number + mobile tail.
    A.QUERY_COMPLAINT_PROGRESS: frozenset({R.RECEPTION, R.CONSULTANT, R.SALES_MANAGER, R.CUSTOMER_CARE}),
    # 4.5.2.1: a complaint is received wherever the customer brings it.
    A.RECEIVE_COMPLAINTS: frozenset({R.RECEPTION, R.CONSULTANT, R.SALES_MANAGER, R.CUSTOMER_CARE}),
    # The board: the desk, customer care and managers all, a consultant those they handle (in
    # the service).
    A.VIEW_COMPLAINTS: frozenset({R.RECEPTION, R.CONSULTANT, R.SALES_MANAGER, R.CUSTOMER_CARE}),
    # --- Sales to delivery (issue #18) ---
    # 办法 art. 10: the list is public, so everyone who meets customers may read it; only
    # management publishes it (4.3.2.1-4.3.2.2).
    A.VIEW_PRICE_LIST: frozenset({R.RECEPTION, R.CONSULTANT, R.SALES_MANAGER, R.FINANCE, R.ADMIN}),
    A.MANAGE_PRICE_LIST: frozenset({R.SALES_MANAGER}),
    # Consultants see their own deals (checked in the service), managers and finance all.
    A.VIEW_DEALS: frozenset({R.CONSULTANT, R.SALES_MANAGER, R.FINANCE}),
    A.SELL: frozenset({R.CONSULTANT, R.SALES_MANAGER}),
    # 4.3.2.1: a discount above the store's threshold is a manager's decision with a reason.
    A.APPROVE_DISCOUNTS: frozenset({R.SALES_MANAGER}),
    A.END_CONTRACTS: frozenset({R.SALES_MANAGER}),
    # 4.3.4-4.3.5: money is received, refunded and invoiced by finance only, never by sales.
    A.RECORD_PAYMENTS: frozenset({R.FINANCE}),
    A.APPROVE_REFUNDS: frozenset({R.SALES_MANAGER}),
    A.VIEW_PAYMENTS: frozenset({R.CONSULTANT, R.SALES_MANAGER, R.FINANCE}),
    # --- Management figures (issue #20, 5.2.1) ---
    # The eight figures, per consultant too, and their records: the manager's view of the store.
    A.VIEW_KPIS: frozenset({R.SALES_MANAGER}),
    # 5.2.1's targets are minimums; raising them (or setting a group's) is management's decision.
    A.MANAGE_KPI_TARGETS: frozenset({R.SALES_MANAGER}),
    # Ch. 6: the audit pack holds signed documents and an audit extract: management and admin.
    A.BUILD_EVIDENCE_PACK: frozenset({R.SALES_MANAGER, R.ADMIN}),
    # --- Customer care (issue #19) ---
    # 4.5.1.2: whoever the store names makes the calls (the consultant or customer care); each
    # sees and records their own tasks (checked in the service), the manager everyone's.
    A.VIEW_CARE_TASKS: frozenset({R.CONSULTANT, R.SALES_MANAGER, R.CUSTOMER_CARE}),
    A.RECORD_CARE_CALLS: frozenset({R.CONSULTANT, R.SALES_MANAGER, R.CUSTOMER_CARE}),
    # Who calls, the intervals and the questionnaires are the store's decisions.
    A.MANAGE_CARE_SETTINGS: frozenset({R.SALES_MANAGER}),
    # 4.5.2.3: the satisfaction survey is taken by someone other than the seller.
    A.RECORD_SURVEYS: frozenset({R.SALES_MANAGER, R.CUSTOMER_CARE}),
    # The export leaves the system (for a survey firm): management only (PIPL art. 23).
    A.EXPORT_SURVEYS: frozenset({R.SALES_MANAGER}),
    # 5.2.8: apology, failure class, proposed compensation, confirmation call.
    A.MANAGE_RECOVERY: frozenset({R.SALES_MANAGER, R.CUSTOMER_CARE}),
    # 5.2.8: compensation is given only with a sales manager's approval.
    A.APPROVE_COMPENSATION: frozenset({R.SALES_MANAGER}),
}

# --- The admin command line (issue #15.9) ---------------------------------------------------
# `showroom admin COMMAND` authenticates a real staff account (app/cli/auth.py) and refuses it
# unless one of its roles allows the command's action; the services check again inside.
CLI_COMMANDS: dict[str, Action] = {
    "create-user": A.MANAGE_USERS,
    "deactivate-user": A.MANAGE_USERS,
    "activate-user": A.MANAGE_USERS,
    "set-roles": A.MANAGE_USERS,
    "import-vehicles": A.IMPORT_VEHICLES,
    "export-vehicles": A.EXPORT_VEHICLES,
    "verify-document": A.VIEW_DOCUMENTS,
    "documents list": A.VIEW_DOCUMENTS,
    "documents export": A.VIEW_DOCUMENTS,
    "reprint-document": A.PRINT_DOCUMENTS,
    "reprint-card": A.PRINT_DOCUMENTS,
    "certificate list": A.MANAGE_CERTIFICATE,
    "certificate create": A.MANAGE_CERTIFICATE,
    "certificate import": A.MANAGE_CERTIFICATE,
    "certificate export": A.MANAGE_CERTIFICATE,
    # The key files unlock the store's seal and every sealed ID number: administrators only.
    "keys export": A.MANAGE_CERTIFICATE,
    "keys import": A.MANAGE_CERTIFICATE,
    "print-cards": A.ISSUE_CARDS,
    "backup": A.MANAGE_BACKUPS,
    "backups": A.MANAGE_BACKUPS,
    "restore": A.MANAGE_BACKUPS,
    "pdi-template list": A.VIEW_PDI,
    "pdi-template export": A.MANAGE_PDI_TEMPLATES,
    "pdi-template import": A.MANAGE_PDI_TEMPLATES,
    "verify-audit": A.VIEW_AUDIT_LOG,
    "rotate-personal-key": A.MANAGE_PERSONAL_DATA,
    "purge": A.MANAGE_PERSONAL_DATA,
    "export-person": A.MANAGE_PERSONAL_DATA,
    "delete-person": A.MANAGE_PERSONAL_DATA,
    "complaints list": A.VIEW_COMPLAINTS,  # issue #19.8
    "complaints escalate": A.VIEW_COMPLAINTS,  # issue #19.7: what every open Complaints PC does
    "kpis": A.VIEW_KPIS,  # issue #20.8: the eight 5.2.1 figures of a period
    "kpi-targets": A.VIEW_KPIS,
    "kpi-report": A.VIEW_KPIS,  # issue #20.4: the monthly KPI report
    "evidence-pack": A.BUILD_EVIDENCE_PACK,  # issue #20.5
}
# Open without an account: `init` while the database has no staff yet (it asks for an
# account itself once the store is set up), `migrate` (it only brings the schema to this
# version, after a backup; a login cannot be checked against an older schema) and `demo`
# (its own database; it refuses a real store's).
CLI_OPEN_COMMANDS = frozenset({"init", "migrate", "demo"})


def can(roles: frozenset[Role] | set[Role], action: Action) -> bool:
    return bool(MATRIX[action] & set(roles))


def require(actor, action: Action) -> None:
    """Raise PermissionDenied unless one of the actor's roles allows `action`."""
    if actor is None or not can(actor.roles, action):
        raise PermissionDenied(action=str(action))
